// UI text of the offline features, Bahasa Indonesia first, English second.
export const strings = {
  id: {
    online: 'Daring',
    offline: 'Luring (tanpa koneksi)',
    unreachable: 'Server peta tidak terjangkau',
    packNone: 'Peta luring belum diunduh',
    packReady: (size, date) => `Peta luring: ${size}, diunduh ${date}`,
    packOutdated: 'Data peta baru tersedia',
    packDownloading: (done, total, tiles, tilesTotal) => `Mengunduh ${done} dari ${total} · ubin ${tiles}/${tilesTotal}`,
    packChecking: 'Memeriksa peta yang tersimpan…',
    download: 'Unduh peta Badung',
    cancel: 'Batalkan unduhan',
    cancelled: 'Unduhan dibatalkan. Bagian yang sudah tersimpan tidak diunduh lagi saat Anda mengunduh ulang.',
    update: 'Perbarui peta Badung',
    remove: 'Hapus',
    removeConfirm: 'Hapus peta luring dari perangkat ini?',
    failed: (reason) => `Unduhan gagal: ${reason}`,
    quota: 'Ruang penyimpanan tidak cukup untuk peta luring. Kosongkan ruang di perangkat atau hapus data situs lain, lalu coba lagi. Data yang sudah tersimpan tetap utuh.',
    newVersion: 'Versi baru tersedia',
    reload: 'Muat ulang',
    panelLabel: 'Peta luring',
    fold: 'Sembunyikan detail peta luring',
    unfold: 'Tampilkan detail peta luring',
  },
  en: {
    online: 'Online',
    offline: 'Offline',
    unreachable: 'Map server unreachable',
    packNone: 'Offline map not downloaded',
    packReady: (size, date) => `Offline map: ${size}, downloaded ${date}`,
    packOutdated: 'New map data available',
    packDownloading: (done, total, tiles, tilesTotal) => `Downloading ${done} of ${total} · tiles ${tiles}/${tilesTotal}`,
    packChecking: 'Checking the stored map…',
    download: 'Download the Badung map',
    cancel: 'Cancel download',
    cancelled: 'Download cancelled. The parts already stored are not downloaded again when you download later.',
    update: 'Update the Badung map',
    remove: 'Delete',
    removeConfirm: 'Delete the offline map from this device?',
    failed: (reason) => `Download failed: ${reason}`,
    quota: 'Not enough storage for the offline map. Free space on the device or delete other site data, then try again. What is already stored stays intact.',
    newVersion: 'New version available',
    reload: 'Reload',
    panelLabel: 'Offline map',
    fold: 'Hide the offline map details',
    unfold: 'Show the offline map details',
  },
};

export function formatBytes(bytes, language) {
  const locale = language === 'en' ? 'en-GB' : 'id-ID';
  const megabytes = bytes / (1024 * 1024);
  return `${megabytes.toLocaleString(locale, { maximumFractionDigits: 1 })} MB`;
}

export function formatDate(iso, language) {
  const locale = language === 'en' ? 'en-GB' : 'id-ID';
  return new Date(iso).toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric' });
}
