#pragma once

#include <GLES3/gl3.h>

#include <stdexcept>
#include <string>

namespace badung::web::gl {

// A shader failed to compile or a program to link; the message carries the
// program's name and the driver's info log.
class ShaderError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A linked GLSL program that deletes itself. Needs a current WebGL2 context.
class Program {
public:
    // Compiles and links; throws ShaderError naming `name` on failure.
    Program(const std::string& name, const char* vertex_source, const char* fragment_source);
    ~Program();

    Program(const Program&) = delete;
    Program& operator=(const Program&) = delete;

    void use() const { glUseProgram(id_); }

    // The location of a uniform, or -1 when the program has none of that name
    // (the GLSL compiler drops unused uniforms).
    GLint uniform(const char* name) const { return glGetUniformLocation(id_, name); }

private:
    GLuint id_ = 0;
};

} // namespace badung::web::gl
