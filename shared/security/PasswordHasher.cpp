#include "PasswordHasher.h"

#include <QCoreApplication>
#include <QFile>
#include <QSet>

#include <sodium.h>

namespace Gatehouse::PasswordHasher {

namespace {

QSet<QString> loadCommonPasswords()
{
    QSet<QString> passwords;
    QFile file(QStringLiteral(":/security/common-passwords.txt"));
    if (!file.open(QIODevice::ReadOnly)) {
        return passwords;
    }
    const QList<QByteArray> lines = file.readAll().split('\n');
    for (const QByteArray &line : lines) {
        const QString password = QString::fromUtf8(line.trimmed());
        if (!password.isEmpty()) {
            passwords.insert(password);
        }
    }
    return passwords;
}

} // namespace

QString hash(const QString &password)
{
    const QByteArray utf8 = password.toUtf8();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, utf8.constData(), size_t(utf8.size()),
                          crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE)
        != 0) {
        return QString(); // out of memory
    }
    return QString::fromLatin1(out);
}

bool verify(const QString &password, const QString &storedHash)
{
    const QByteArray utf8 = password.toUtf8();
    const QByteArray stored = storedHash.toLatin1();
    if (stored.isEmpty() || stored.size() >= crypto_pwhash_STRBYTES) {
        return false;
    }
    return crypto_pwhash_str_verify(stored.constData(), utf8.constData(), size_t(utf8.size())) == 0;
}

bool verifyNothing(const QString &password)
{
    static const QString dummy = hash(QStringLiteral("no account has this password"));
    (void)verify(password, dummy);
    return false;
}

QString weakness(const QString &password)
{
    if (password.size() < kMinimumLength) {
        return QCoreApplication::translate("Gatehouse::Password", "Use at least %n characters.",
                                           nullptr, kMinimumLength);
    }
    if (password.trimmed().isEmpty()) {
        return QCoreApplication::translate("Gatehouse::Password",
                                           "A password cannot be only spaces.");
    }
    if (isCommon(password)) {
        return QCoreApplication::translate("Gatehouse::Password",
                                           "This password is one of the most common ones and "
                                           "would be guessed quickly. Choose another.");
    }
    return QString();
}

bool isCommon(const QString &password)
{
    static const QSet<QString> common = loadCommonPasswords();
    return common.contains(password.trimmed().toLower());
}

} // namespace Gatehouse::PasswordHasher
