#include "TransferRegistry.h"

#include "UploadSpool.h"

#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QRandomGenerator>

Q_DECLARE_LOGGING_CATEGORY(lcFrontDoor)

namespace Gatehouse {

namespace {

constexpr qint64 kOfferLifetimeMs = 60 * 1000;

QByteArray randomId()
{
    quint32 random[4];
    QRandomGenerator::system()->fillRange(random);
    return QByteArray(reinterpret_cast<const char *>(random), sizeof random).toHex();
}

} // namespace

TransferRegistry::TransferRegistry(const QString &spoolDirectory)
    : m_spoolDirectory(spoolDirectory)
{}

TransferRegistry::~TransferRegistry() = default;

bool TransferRegistry::prepare(QString *error)
{
    if (!QDir().mkpath(m_spoolDirectory)) {
        if (error) {
            *error
                = QStringLiteral("Cannot create the upload spool folder %1").arg(m_spoolDirectory);
        }
        return false;
    }
    QFile::setPermissions(m_spoolDirectory,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const int stale = UploadSpool::removeStale(m_spoolDirectory);
    if (stale > 0) {
        qCInfo(lcFrontDoor) << "removed" << stale << "upload spools left by a crash";
    }
    return true;
}

std::shared_ptr<UploadSpool> TransferRegistry::createSpool(QString *error)
{
    std::shared_ptr<UploadSpool> spool = UploadSpool::create(m_spoolDirectory, error);
    if (spool) {
        m_spools.insert(spool->id(), spool);
    }
    return spool;
}

std::shared_ptr<UploadSpool> TransferRegistry::spool(const QByteArray &id) const
{
    const std::shared_ptr<UploadSpool> found = m_spools.value(id);
    return found && found->isComplete() ? found : nullptr;
}

void TransferRegistry::removeSpool(const QByteArray &id)
{
    m_spools.remove(id);
}

QByteArray TransferRegistry::offerDownload(FileDownload download)
{
    m_offers.removeIf([](const QHash<QByteArray, Offer>::iterator &it) {
        return it->age.hasExpired(kOfferLifetimeMs);
    });
    const QByteArray token = randomId();
    Offer offer{std::move(download), {}};
    offer.age.start();
    m_offers.insert(token, std::move(offer));
    return token;
}

std::optional<FileDownload> TransferRegistry::takeDownload(const QByteArray &token)
{
    const auto it = m_offers.find(token);
    if (it == m_offers.end()) {
        return std::nullopt;
    }
    FileDownload download = std::move(it->download);
    m_offers.erase(it);
    return download;
}

} // namespace Gatehouse
