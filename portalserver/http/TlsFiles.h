#pragma once

#include <QSslConfiguration>
#include <QString>

#include <optional>

namespace Gatehouse::TlsFiles {

// A server configuration from a PEM certificate (chain) and its PEM private key: TLS 1.2 or
// newer, no client certificates.
std::optional<QSslConfiguration> load(const QString &certificateFile, const QString &keyFile,
                                      QString *error);

// For a first run without a certificate: a self-signed P-256 certificate for localhost and
// 127.0.0.1 (plus hostName when given), written once into folder as cert.pem and key.pem (the
// key readable by its owner only), and reused afterwards.
[[nodiscard]] bool ensureSelfSigned(const QString &folder, const QString &hostName,
                                    QString *certificateFile, QString *keyFile, QString *error);

} // namespace Gatehouse::TlsFiles
