#include "web/gl/program.hpp"

#include <vector>

namespace badung::web::gl {

namespace {

std::string shader_log(GLuint shader) {
    GLint length = 0;
    glGetShaderiv(shader, GL_INFO_LOG_LENGTH, &length);
    std::vector<char> log(static_cast<std::size_t>(length > 0 ? length : 1), '\0');
    glGetShaderInfoLog(shader, static_cast<GLsizei>(log.size()), nullptr, log.data());
    return log.data();
}

GLuint compile(const std::string& name, GLenum stage, const char* source) {
    const GLuint shader = glCreateShader(stage);
    glShaderSource(shader, 1, &source, nullptr);
    glCompileShader(shader);

    GLint ok = GL_FALSE;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (ok != GL_TRUE) {
        const std::string log = shader_log(shader);
        glDeleteShader(shader);
        const char* kind = stage == GL_VERTEX_SHADER ? "vertex" : "fragment";
        throw ShaderError("the " + std::string(kind) + " shader of program '" + name +
                          "' failed to compile: " + log);
    }
    return shader;
}

} // namespace

Program::Program(const std::string& name, const char* vertex_source, const char* fragment_source) {
    const GLuint vertex = compile(name, GL_VERTEX_SHADER, vertex_source);
    const GLuint fragment = compile(name, GL_FRAGMENT_SHADER, fragment_source);

    id_ = glCreateProgram();
    glAttachShader(id_, vertex);
    glAttachShader(id_, fragment);
    glLinkProgram(id_);
    glDeleteShader(vertex);
    glDeleteShader(fragment);

    GLint ok = GL_FALSE;
    glGetProgramiv(id_, GL_LINK_STATUS, &ok);
    if (ok != GL_TRUE) {
        GLint length = 0;
        glGetProgramiv(id_, GL_INFO_LOG_LENGTH, &length);
        std::vector<char> log(static_cast<std::size_t>(length > 0 ? length : 1), '\0');
        glGetProgramInfoLog(id_, static_cast<GLsizei>(log.size()), nullptr, log.data());
        glDeleteProgram(id_);
        throw ShaderError("program '" + name + "' failed to link: " + std::string(log.data()));
    }
}

Program::~Program() {
    glDeleteProgram(id_);
}

} // namespace badung::web::gl
