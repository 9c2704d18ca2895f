#include "TlsFiles.h"

#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QSaveFile>
#include <QSslCertificate>
#include <QSslKey>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace Gatehouse::TlsFiles {

namespace {

// Whether the private key is the one the certificate was issued for: a mismatch would
// otherwise only show as every handshake failing.
bool keyMatches(const QSslCertificate &certificate, const QByteArray &keyPem)
{
    const QByteArray certificatePem = certificate.toPem();
    std::unique_ptr<BIO, decltype(&BIO_free)> certificateBio(
        BIO_new_mem_buf(certificatePem.constData(), int(certificatePem.size())), BIO_free);
    std::unique_ptr<BIO, decltype(&BIO_free)> keyBio(
        BIO_new_mem_buf(keyPem.constData(), int(keyPem.size())), BIO_free);
    if (!certificateBio || !keyBio) {
        return false;
    }
    std::unique_ptr<X509, decltype(&X509_free)> x509(
        PEM_read_bio_X509(certificateBio.get(), nullptr, nullptr, nullptr), X509_free);
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
        PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr, nullptr), EVP_PKEY_free);
    return x509 && key && X509_check_private_key(x509.get(), key.get()) == 1;
}

bool fail(QString *error, const QString &message)
{
    if (error) {
        *error = message;
    }
    return false;
}

template<typename T, void (*Free)(T *)>
struct Deleter
{
    void operator()(T *p) const { Free(p); }
};
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using CertPtr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;

QByteArray pem(const std::function<int(BIO *)> &write)
{
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || write(bio.get()) != 1) {
        return {};
    }
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, int(size));
}

bool addExtension(X509 *certificate, int nid, const char *value)
{
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, certificate, certificate, nullptr, nullptr, 0);
    X509_EXTENSION *extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
    if (!extension) {
        return false;
    }
    const bool ok = X509_add_ext(certificate, extension, -1) == 1;
    X509_EXTENSION_free(extension);
    return ok;
}

bool writeFile(const QString &path, const QByteArray &data, QFileDevice::Permissions permissions,
               QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size()
        || !file.setPermissions(permissions) || !file.commit()) {
        return fail(error, QStringLiteral("Cannot write %1: %2").arg(path, file.errorString()));
    }
    return true;
}

} // namespace

std::optional<QSslConfiguration> load(const QString &certificateFile, const QString &keyFile,
                                      QString *error)
{
    const QList<QSslCertificate> chain = QSslCertificate::fromPath(certificateFile, QSsl::Pem);
    if (chain.isEmpty()) {
        fail(error,
             QStringLiteral("No PEM certificate could be read from %1.").arg(certificateFile));
        return std::nullopt;
    }
    QFile file(keyFile);
    if (!file.open(QIODevice::ReadOnly)) {
        fail(error,
             QStringLiteral("Cannot read the private key %1: %2").arg(keyFile, file.errorString()));
        return std::nullopt;
    }
    const QByteArray keyData = file.readAll();
    QSslKey key(keyData, QSsl::Ec, QSsl::Pem);
    if (key.isNull()) {
        key = QSslKey(keyData, QSsl::Rsa, QSsl::Pem);
    }
    if (key.isNull()) {
        fail(error, QStringLiteral("%1 holds no PEM private key (EC or RSA).").arg(keyFile));
        return std::nullopt;
    }
    if (!keyMatches(chain.first(), keyData)) {
        fail(error, QStringLiteral("The private key %1 does not belong to the certificate %2.")
                        .arg(keyFile, certificateFile));
        return std::nullopt;
    }
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificateChain(chain);
    configuration.setPrivateKey(key);
    configuration.setProtocol(QSsl::TlsV1_2OrLater);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone); // clients bring no certificates
    return configuration;
}

bool ensureSelfSigned(const QString &folder, const QString &hostName, QString *certificateFile,
                      QString *keyFile, QString *error)
{
    const QDir dir(folder);
    *certificateFile = dir.filePath(QStringLiteral("cert.pem"));
    *keyFile = dir.filePath(QStringLiteral("key.pem"));
    if (QFile::exists(*certificateFile) && QFile::exists(*keyFile)) {
        return true;
    }
    if (!QDir().mkpath(folder)) {
        return fail(error, QStringLiteral("Cannot create %1.").arg(folder));
    }
    KeyPtr key(EVP_EC_gen("P-256"));
    CertPtr certificate(X509_new());
    if (!key || !certificate) {
        return fail(error, QStringLiteral("OpenSSL could not create a key."));
    }
    X509_set_version(certificate.get(), 2);
    ASN1_INTEGER *serial = X509_get_serialNumber(certificate.get());
    BIGNUM *random = BN_new();
    BN_rand(random, 120, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY);
    BN_to_ASN1_INTEGER(random, serial);
    BN_free(random);
    X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -60 * 60);
    X509_gmtime_adj(X509_getm_notAfter(certificate.get()), 397L * 24 * 60 * 60);
    X509_set_pubkey(certificate.get(), key.get());
    X509_NAME *name = X509_get_subject_name(certificate.get());
    const QByteArray commonName = hostName.isEmpty() ? QByteArray("localhost") : hostName.toUtf8();
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char *>(commonName.constData()), -1,
                               -1, 0);
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char *>("Gatehouse self-signed"), -1,
                               -1, 0);
    X509_set_issuer_name(certificate.get(), name);
    QByteArray altNames = "DNS:localhost,IP:127.0.0.1,IP:::1";
    if (!hostName.isEmpty() && hostName != QLatin1String("localhost")) {
        altNames
            += QByteArray(QHostAddress(hostName).isNull() ? ",DNS:" : ",IP:") + hostName.toUtf8();
    }
    if (!addExtension(certificate.get(), NID_subject_alt_name, altNames.constData())
        || !addExtension(certificate.get(), NID_basic_constraints, "critical,CA:FALSE")
        || !addExtension(certificate.get(), NID_ext_key_usage, "serverAuth")
        || X509_sign(certificate.get(), key.get(), EVP_sha256()) == 0) {
        return fail(error, QStringLiteral("OpenSSL could not sign the certificate."));
    }
    const QByteArray certificatePem
        = pem([&](BIO *bio) { return PEM_write_bio_X509(bio, certificate.get()); });
    const QByteArray keyPem = pem([&](BIO *bio) {
        return PEM_write_bio_PrivateKey(bio, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    });
    if (certificatePem.isEmpty() || keyPem.isEmpty()) {
        return fail(error, QStringLiteral("OpenSSL could not write the certificate."));
    }
    return writeFile(*keyFile, keyPem, QFileDevice::ReadOwner | QFileDevice::WriteOwner, error)
           && writeFile(*certificateFile, certificatePem,
                        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                            | QFileDevice::ReadOther,
                        error);
}

} // namespace Gatehouse::TlsFiles
