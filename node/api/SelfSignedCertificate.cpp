#include "node/api/SelfSignedCertificate.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QHostInfo>
#include <QSaveFile>
#include <QSslCertificate>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace {

template<typename T, void (*Free)(T*)>
struct Deleter
{
    void operator()(T* p) const { Free(p); }
};
using PKeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using ExtPtr = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION, X509_EXTENSION_free>>;

constexpr int ValidityDays = 825;                    // the longest lifetime browsers accept

QByteArray bioBytes(BIO* bio)
{
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, qsizetype(size));
}

bool addExtension(X509* cert, int nid, const QByteArray& value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
    ExtPtr ext(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.constData()));
    return ext && X509_add_ext(cert, ext.get(), -1) == 1;
}

bool generate(const QString& commonName, QByteArray* certPem, QByteArray* keyPem, QString* error)
{
    PKeyPtr key(EVP_EC_gen("P-256"));
    X509Ptr cert(X509_new());
    if (!key || !cert) {
        *error = QStringLiteral("OpenSSL could not create a key pair");
        return false;
    }
    X509_set_version(cert.get(), 2);
    unsigned char serial[16];
    RAND_bytes(serial, sizeof serial);
    serial[0] &= 0x7f;                               // a positive serial number
    BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
    BN_free(bn);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), long(ValidityDays) * 24 * 3600);
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME* name = X509_get_subject_name(cert.get());
    const QByteArray cn = commonName.left(64).toUtf8();
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>("Vigil"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(cn.constData()),
                               -1, -1, 0);
    X509_set_issuer_name(cert.get(), name);
    QByteArray san = "DNS:localhost,IP:127.0.0.1,IP:::1";
    const QString host = QHostInfo::localHostName();
    if (!host.isEmpty() && host != u"localhost")
        san += ",DNS:" + host.toUtf8();
    const bool extended = addExtension(cert.get(), NID_subject_alt_name, san)
        && addExtension(cert.get(), NID_basic_constraints, "critical,CA:FALSE")
        && addExtension(cert.get(), NID_key_usage, "critical,digitalSignature")
        && addExtension(cert.get(), NID_ext_key_usage, "serverAuth");
    if (!extended || X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) {
        *error = QStringLiteral("OpenSSL could not sign the self-signed certificate");
        return false;
    }
    BioPtr certBio(BIO_new(BIO_s_mem()));
    BioPtr keyBio(BIO_new(BIO_s_mem()));
    if (PEM_write_bio_X509(certBio.get(), cert.get()) != 1
        || PEM_write_bio_PrivateKey(keyBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
        *error = QStringLiteral("OpenSSL could not write the certificate");
        return false;
    }
    *certPem = bioBytes(certBio.get());
    *keyPem = bioBytes(keyBio.get());
    return true;
}

bool writeFile(const QString& path, const QByteArray& bytes, QFileDevice::Permissions permissions, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !file.setPermissions(permissions) || file.write(bytes) != bytes.size()
        || !file.commit()) {
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace

namespace SelfSignedCertificate {

bool ensure(const QString& dir, const QString& commonName, Files* files, QString* errorString)
{
    QString error;
    const QDir folder(dir);
    Files result;
    result.certificateFile = folder.filePath(QStringLiteral("api-certificate.pem"));
    result.privateKeyFile = folder.filePath(QStringLiteral("api-private-key.pem"));
    const bool haveCert = QFile::exists(result.certificateFile);
    const bool haveKey = QFile::exists(result.privateKeyFile);
    if (haveCert != haveKey) {
        // Never replace half of a pair: a console pinned the old certificate, and a silent new one
        // would look exactly like an attack.
        error = QStringLiteral("%1 exists without %2; restore it or delete both to create a new certificate")
                    .arg(haveCert ? result.certificateFile : result.privateKeyFile,
                         haveCert ? result.privateKeyFile : result.certificateFile);
    } else if (!haveCert) {
        QByteArray certPem, keyPem;
        if (!QDir().mkpath(dir))
            error = QStringLiteral("cannot create %1").arg(dir);
        else if (generate(commonName, &certPem, &keyPem, &error)
                 && writeFile(result.privateKeyFile, keyPem, QFileDevice::ReadOwner | QFileDevice::WriteOwner, &error)
                 && writeFile(result.certificateFile, certPem,
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                                  | QFileDevice::ReadOther,
                              &error))
            result.created = true;
    }
    if (!error.isEmpty()) {
        if (errorString)
            *errorString = error;
        return false;
    }
    if (files)
        *files = result;
    return true;
}

QString fingerprint(const QByteArray& pemOrDer)
{
    auto certs = QSslCertificate::fromData(pemOrDer, QSsl::Pem);
    if (certs.isEmpty())
        certs = QSslCertificate::fromData(pemOrDer, QSsl::Der);
    if (certs.isEmpty())
        return {};
    const QByteArray digest = certs.first().digest(QCryptographicHash::Sha256).toHex().toUpper();
    QStringList pairs;
    for (qsizetype i = 0; i < digest.size(); i += 2)
        pairs << QString::fromLatin1(digest.mid(i, 2));
    return pairs.join(u':');
}

} // namespace SelfSignedCertificate
