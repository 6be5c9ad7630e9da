#include "core/outbox/outbox_item.hpp"

namespace badung::outbox {

const char* state_name(ItemState state) noexcept {
    switch (state) {
    case ItemState::pending:
        return "pending";
    case ItemState::sending:
        return "sending";
    case ItemState::sent:
        return "sent";
    case ItemState::needs_fix:
        return "needs_fix";
    }
    return "pending";
}

std::optional<ItemState> state_from_name(std::string_view text) noexcept {
    for (const ItemState state : {ItemState::pending, ItemState::sending, ItemState::sent, ItemState::needs_fix}) {
        if (text == state_name(state)) {
            return state;
        }
    }
    return std::nullopt;
}

} // namespace badung::outbox
