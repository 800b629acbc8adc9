#include "node/auth/PasswordHasher.h"

#include <QLoggingCategory>
#include <QStringList>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <atomic>
#include <optional>

Q_LOGGING_CATEGORY(lcPasswordHasher, "vigil.node.auth.hasher")

namespace {

constexpr int SaltBytes = 16;
constexpr int HashBytes = 32;
// Limits for parameters read back from the database, so a corrupted or hostile row cannot make
// one sign-in allocate gigabytes or run for minutes.
constexpr int MaxLogN = 22;
constexpr int MaxR = 32;
constexpr int MaxP = 16;
constexpr quint64 MaxMemoryBytes = 256ull * 1024 * 1024;
constexpr int MinStoredBytes = 16;
constexpr int MaxStoredBytes = 64;

std::atomic<int> g_defaultLogN{PasswordHasher::productionParameters().logN};
std::atomic<int> g_defaultR{PasswordHasher::productionParameters().r};
std::atomic<int> g_defaultP{PasswordHasher::productionParameters().p};

constexpr auto Base64Options = QByteArray::Base64Encoding | QByteArray::OmitTrailingEquals;

quint64 memoryNeeded(const PasswordHasher::Parameters& p)
{
    // OpenSSL's own check: B (128 * r * p) plus V (128 * r * (N + 2)) must fit in maxmem.
    const quint64 n = quint64(1) << p.logN;
    return 128ull * quint64(p.r) * (n + 2 + quint64(p.p));
}

bool parametersAcceptable(const PasswordHasher::Parameters& p)
{
    return p.logN >= 1 && p.logN <= MaxLogN && p.r >= 1 && p.r <= MaxR && p.p >= 1 && p.p <= MaxP
        && memoryNeeded(p) <= MaxMemoryBytes;
}

QByteArray passwordBytes(const QString& password)
{
    return password.normalized(QString::NormalizationForm_C).toUtf8();
}

/// Derives `length` bytes; empty on failure. Wipes the password copy it was given.
QByteArray derive(QByteArray password, const QByteArray& salt, const PasswordHasher::Parameters& p, int length)
{
    QByteArray key(length, Qt::Uninitialized);
    const int ok = EVP_PBE_scrypt(password.constData(), size_t(password.size()),
                                  reinterpret_cast<const unsigned char*>(salt.constData()), size_t(salt.size()),
                                  quint64(1) << p.logN, quint64(p.r), quint64(p.p), memoryNeeded(p) + 64 * 1024,
                                  reinterpret_cast<unsigned char*>(key.data()), size_t(key.size()));
    OPENSSL_cleanse(password.data(), size_t(password.size()));
    if (ok != 1) {
        qCWarning(lcPasswordHasher) << "scrypt failed with logN" << p.logN << "r" << p.r << "p" << p.p;
        return {};
    }
    return key;
}

struct Decoded
{
    PasswordHasher::Parameters parameters;
    QByteArray salt;
    QByteArray hash;
};

std::optional<int> intValue(QStringView text)
{
    bool ok = false;
    const int value = text.toInt(&ok);
    return ok ? std::optional<int>(value) : std::nullopt;
}

std::optional<Decoded> decode(const QString& encoded)
{
    const QStringList parts = encoded.split(u'$');
    if (parts.size() != 4 || parts.at(0) != QLatin1String("scrypt"))
        return std::nullopt;

    std::optional<int> logN, r, p;
    for (const QString& item : parts.at(1).split(u',')) {
        const qsizetype eq = item.indexOf(u'=');
        if (eq <= 0)
            return std::nullopt;
        const QStringView key = QStringView(item).left(eq);
        const std::optional<int> value = intValue(QStringView(item).mid(eq + 1));
        if (!value)
            return std::nullopt;
        if (key == QLatin1String("ln") && !logN)
            logN = value;
        else if (key == QLatin1String("r") && !r)
            r = value;
        else if (key == QLatin1String("p") && !p)
            p = value;
        else
            return std::nullopt;
    }
    if (!logN || !r || !p)
        return std::nullopt;

    Decoded decoded{{*logN, *r, *p}, {}, {}};
    if (!parametersAcceptable(decoded.parameters))
        return std::nullopt;

    const auto saltResult = QByteArray::fromBase64Encoding(parts.at(2).toLatin1(),
                                                           Base64Options | QByteArray::AbortOnBase64DecodingErrors);
    const auto hashResult = QByteArray::fromBase64Encoding(parts.at(3).toLatin1(),
                                                           Base64Options | QByteArray::AbortOnBase64DecodingErrors);
    if (!saltResult || !hashResult)
        return std::nullopt;
    decoded.salt = saltResult.decoded;
    decoded.hash = hashResult.decoded;
    if (decoded.salt.size() < MinStoredBytes || decoded.salt.size() > MaxStoredBytes
        || decoded.hash.size() < MinStoredBytes || decoded.hash.size() > MaxStoredBytes)
        return std::nullopt;
    return decoded;
}

QString parameterText(const PasswordHasher::Parameters& p)
{
    return QStringLiteral("ln=%1,r=%2,p=%3").arg(p.logN).arg(p.r).arg(p.p);
}

} // namespace

PasswordHasher::Parameters PasswordHasher::defaultParameters()
{
    return {g_defaultLogN.load(), g_defaultR.load(), g_defaultP.load()};
}

void PasswordHasher::setDefaultParametersForTesting(const Parameters& parameters)
{
    g_defaultLogN = parameters.logN;
    g_defaultR = parameters.r;
    g_defaultP = parameters.p;
}

PasswordHasher::PasswordHasher()
    : PasswordHasher(defaultParameters())
{
}

PasswordHasher::PasswordHasher(const Parameters& parameters)
    : m_parameters(parameters)
{
    if (!parametersAcceptable(m_parameters)) {
        qCWarning(lcPasswordHasher) << "unusable scrypt parameters, using the production defaults";
        m_parameters = productionParameters();
    }
}

QString PasswordHasher::hash(const QString& password) const
{
    QByteArray salt(SaltBytes, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char*>(salt.data()), SaltBytes) != 1) {
        qCWarning(lcPasswordHasher) << "RAND_bytes failed: no salt";
        return {};
    }
    QByteArray key = derive(passwordBytes(password), salt, m_parameters, HashBytes);
    if (key.isEmpty())
        return {};
    const QString encoded = QLatin1String("scrypt$") + parameterText(m_parameters) + u'$'
        + QString::fromLatin1(salt.toBase64(Base64Options)) + u'$' + QString::fromLatin1(key.toBase64(Base64Options));
    OPENSSL_cleanse(key.data(), size_t(key.size()));
    return encoded;
}

bool PasswordHasher::verify(const QString& password, const QString& encoded) const
{
    const std::optional<Decoded> decoded = decode(encoded);
    if (!decoded) {
        // Still spend the time: a broken row must not be distinguishable from a wrong password.
        dummyVerify();
        return false;
    }
    QByteArray key = derive(passwordBytes(password), decoded->salt, decoded->parameters, int(decoded->hash.size()));
    const bool match = key.size() == decoded->hash.size()
        && CRYPTO_memcmp(key.constData(), decoded->hash.constData(), size_t(key.size())) == 0;
    OPENSSL_cleanse(key.data(), size_t(key.size()));
    return match;
}

void PasswordHasher::dummyVerify() const
{
    static const QByteArray salt(SaltBytes, '\x5a');
    QByteArray key = derive(QByteArrayLiteral("vigil-dummy-password"), salt, m_parameters, HashBytes);
    OPENSSL_cleanse(key.data(), size_t(key.size()));
}

bool PasswordHasher::needsRehash(const QString& encoded) const
{
    const std::optional<Decoded> decoded = decode(encoded);
    return !decoded || decoded->parameters != m_parameters || decoded->salt.size() < SaltBytes
        || decoded->hash.size() != HashBytes;
}
