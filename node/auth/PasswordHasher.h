#pragma once

#include <QByteArray>
#include <QString>

/// Salted, deliberately slow password hashes (scrypt from OpenSSL 3). The encoding names the
/// algorithm and its parameters, `scrypt$ln=15,r=8,p=1$<salt>$<hash>` (standard base64 without
/// padding), so a stored hash stays verifiable after the defaults change and needsRehash() can
/// upgrade it at the next successful sign-in.
///
/// Passwords are hashed as UTF-8 of their NFC form: the same password typed through different
/// input methods (precomposed or combining accents) verifies.
class PasswordHasher
{
public:
    struct Parameters
    {
        int logN = 15;                               ///< N = 2^logN; memory is 128 * r * N bytes (32 MiB)
        int r = 8;
        int p = 1;
        friend bool operator==(const Parameters&, const Parameters&) = default;
    };

    /// The cost of every production hash. OWASP's cheat sheet asks for N=2^17 (128 MiB); we take 2^15
    /// (32 MiB) because sign-in runs on the node's main thread and must stay near 100 ms. Raise it
    /// here: stored hashes keep verifying and are upgraded at their next sign-in.
    static constexpr Parameters productionParameters() { return {15, 8, 1}; }

    /// Hashers built with the default constructor use these: productionParameters() unless a test
    /// lowered them with setDefaultParametersForTesting().
    static Parameters defaultParameters();
    /// Tests only: makes default-constructed hashers (also those inside UserDirectory and the
    /// `user` command) cheap. Never call this in the node or the console.
    static void setDefaultParametersForTesting(const Parameters& parameters);

    PasswordHasher();
    explicit PasswordHasher(const Parameters& parameters);

    Parameters parameters() const { return m_parameters; }

    /// A fresh 16-byte random salt each time, so equal passwords never share a hash. Empty on an
    /// OpenSSL failure (out of memory, no entropy).
    QString hash(const QString& password) const;
    /// Constant-time comparison; false for a wrong password and for any malformed encoding.
    bool verify(const QString& password, const QString& encoded) const;
    /// Spends the time of one verify() with the current parameters and always fails. The sign-in
    /// path calls it for an unknown user so the response time does not reveal which names exist.
    void dummyVerify() const;
    /// Whether `encoded` was made with other parameters than this hasher's (or is unreadable).
    bool needsRehash(const QString& encoded) const;

private:
    Parameters m_parameters;
};
