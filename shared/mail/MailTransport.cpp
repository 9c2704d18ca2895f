#include "MailTransport.h"

#include "MimeWriter.h"
#include "core/Logging.h"

#include <QDir>
#include <QHostAddress>
#include <QSaveFile>
#include <QUrl>

#include <curl/curl.h>

#include <mutex>

namespace Gatehouse {

std::unique_ptr<MailTransport> MailTransport::create(const MailSettings &settings)
{
    if (settings.smtpUrl.isEmpty()) {
        return std::make_unique<MailboxTransport>(settings);
    }
    return std::make_unique<SmtpTransport>(settings);
}

namespace {

struct UploadCursor
{
    const QByteArray *data;
    qsizetype offset = 0;
};

size_t readPayload(char *buffer, size_t size, size_t count, void *userData)
{
    auto *cursor = static_cast<UploadCursor *>(userData);
    const qsizetype room = qsizetype(size * count);
    const qsizetype left = cursor->data->size() - cursor->offset;
    const qsizetype n = qMin(room, left);
    if (n > 0) {
        memcpy(buffer, cursor->data->constData() + cursor->offset, size_t(n));
        cursor->offset += n;
    }
    return size_t(n);
}

// Keeps the server's last reply line: libcurl reports SMTP replies as incoming headers.
int keepReply(CURL *, curl_infotype type, char *data, size_t size, void *userData)
{
    if (type == CURLINFO_HEADER_IN) {
        const QString line = QString::fromUtf8(data, qsizetype(size)).trimmed();
        // 221 answers QUIT, after the reply that matters.
        if (!line.isEmpty() && !line.startsWith(QLatin1String("221"))) {
            *static_cast<QString *>(userData) = line;
        }
    }
    return 0;
}

bool isLoopback(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0) {
        return true;
    }
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

bool isSafeAddress(const QString &address)
{
    for (const QChar c : address) {
        if (c.unicode() < 32 || c.unicode() == 127 || c == QLatin1Char('<')
            || c == QLatin1Char('>')) {
            return false;
        }
    }
    return !address.isEmpty();
}

} // namespace

SmtpTransport::SmtpTransport(MailSettings settings)
    : m_settings(std::move(settings))
{
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

bool SmtpTransport::validateUrl(const QString &text, QString *error)
{
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme();
    if (!url.isValid() || url.host().isEmpty()
        || (scheme != QLatin1String("smtp") && scheme != QLatin1String("smtps"))) {
        if (error) {
            *error = QStringLiteral("The SMTP address must look like smtp://host:587 or "
                                    "smtps://host:465, not \"%1\".")
                         .arg(text);
        }
        return false;
    }
    return true;
}

bool SmtpTransport::send(const MailMessage &message, qint64 nowMs, QString *error)
{
    m_lastReply.clear();
    if (!validateUrl(m_settings.smtpUrl, error)) {
        return false;
    }
    // The addresses go into SMTP command lines: a line break would smuggle in commands.
    for (const QString &address : {message.to, m_settings.fromAddress}) {
        if (!isSafeAddress(address)) {
            if (error) {
                *error = QStringLiteral("Refused to send to or from \"%1\": not a plain email "
                                        "address.")
                             .arg(address.simplified());
            }
            return false;
        }
    }
    const QUrl url(m_settings.smtpUrl);
    const QByteArray payload
        = MimeWriter::compose(message, m_settings.fromName, m_settings.fromAddress, nowMs);

    CURL *curl = curl_easy_init();
    if (!curl) {
        if (error) {
            *error = QStringLiteral("libcurl could not start.");
        }
        return false;
    }
    const QByteArray target = url.toString(QUrl::RemoveUserInfo | QUrl::RemovePath).toUtf8();
    const QByteArray from = '<' + m_settings.fromAddress.toUtf8() + '>';
    const QByteArray to = '<' + message.to.toUtf8() + '>';
    const QByteArray user = m_settings.user.toUtf8();
    const QByteArray password = m_settings.password.toUtf8();
    curl_slist *recipients = curl_slist_append(nullptr, to.constData());
    UploadCursor cursor{&payload};
    char curlError[CURL_ERROR_SIZE] = {};

    curl_easy_setopt(curl, CURLOPT_URL, target.constData());
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, curlError);
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.constData());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, readPayload);
    curl_easy_setopt(curl, CURLOPT_READDATA, &cursor);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 60L);
    curl_easy_setopt(curl, CURLOPT_DEBUGFUNCTION, keepReply);
    curl_easy_setopt(curl, CURLOPT_DEBUGDATA, &m_lastReply);
    curl_easy_setopt(curl, CURLOPT_VERBOSE, 1L);
    if (url.scheme() == QLatin1String("smtp")) {
        curl_easy_setopt(curl, CURLOPT_USE_SSL,
                         isLoopback(url.host()) ? long(CURLUSESSL_NONE) : long(CURLUSESSL_ALL));
    }
    if (!user.isEmpty()) {
        curl_easy_setopt(curl, CURLOPT_USERNAME, user.constData());
        curl_easy_setopt(curl, CURLOPT_PASSWORD, password.constData());
    }
    const CURLcode result = curl_easy_perform(curl);
    curl_slist_free_all(recipients);
    curl_easy_cleanup(curl);
    if (result != CURLE_OK) {
        if (error) {
            const QString reason = curlError[0] ? QString::fromUtf8(curlError)
                                                : QString::fromUtf8(curl_easy_strerror(result));
            *error = m_lastReply.isEmpty()
                         ? QStringLiteral("SMTP delivery to %1 failed: %2").arg(url.host(), reason)
                         : QStringLiteral("SMTP delivery to %1 failed: %2 (the server said: %3)")
                               .arg(url.host(), reason, m_lastReply);
        }
        return false;
    }
    return true;
}

MailboxTransport::MailboxTransport(MailSettings settings)
    : m_settings(std::move(settings))
{}

bool MailboxTransport::send(const MailMessage &message, qint64 nowMs, QString *error)
{
    if (!QDir().mkpath(m_settings.mailboxPath)) {
        if (error) {
            *error
                = QStringLiteral("Cannot create the mailbox folder %1").arg(m_settings.mailboxPath);
        }
        return false;
    }
    const QString name = QStringLiteral("%1-%2.eml")
                             .arg(nowMs, 15, 10, QLatin1Char('0'))
                             .arg(message.id, 10, 10, QLatin1Char('0'));
    QSaveFile file(QDir(m_settings.mailboxPath).filePath(name));
    if (!file.open(QIODevice::WriteOnly)) {
        if (error) {
            *error = file.errorString();
        }
        return false;
    }
    file.write(MimeWriter::compose(message, m_settings.fromName, m_settings.fromAddress, nowMs));
    if (!file.commit()) {
        if (error) {
            *error = QStringLiteral("Cannot write %1: %2").arg(file.fileName(), file.errorString());
        }
        return false;
    }
    return true;
}

} // namespace Gatehouse
