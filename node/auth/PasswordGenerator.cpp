#include "node/auth/PasswordGenerator.h"

#include <openssl/rand.h>

namespace {

constexpr char Alphabet[] = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
constexpr int AlphabetSize = int(sizeof(Alphabet)) - 1;
// Bytes at or above this are rejected so that every character is equally likely (no modulo bias).
constexpr int Limit = 256 - 256 % AlphabetSize;

} // namespace

QString PasswordGenerator::generate(int length)
{
    QString password;
    password.reserve(length);
    unsigned char buffer[64];
    while (password.size() < length) {
        if (RAND_bytes(buffer, int(sizeof(buffer))) != 1)
            return {};
        for (unsigned char byte : buffer) {
            if (byte < Limit && password.size() < length)
                password.append(QLatin1Char(Alphabet[byte % AlphabetSize]));
        }
    }
    return password;
}
