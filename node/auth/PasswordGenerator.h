#pragma once

#include <QString>

/// Random passwords for `vigil-node user add/passwd` without --password-stdin and for the demo
/// users: letters and digits without look-alikes (0/O, 1/l/I), so they can be read off a terminal
/// and typed. 20 characters from this 57-character alphabet carry about 116 bits.
class PasswordGenerator
{
public:
    /// Empty only if OpenSSL's generator fails.
    static QString generate(int length = 20);
};
