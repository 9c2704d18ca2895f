// Large files through the front door without holding them in memory, on both engines: uploads
// and drops are spooled encrypted as they arrive and come back byte for byte; the spool goes
// when the request ends, however it ends; a client can name neither a spool nor a file to send;
// a download is pumped as the client reads, so a client that stops reading does not make the
// server hold the file.
#include "PortalClient.h"
#include "PortalFixture.h"
#include "TestDatabase.h"

#include "PortalServer.h"
#include "http/TransferRegistry.h"
#include "security/Tokens.h"
#include "services/FileDropService.h"
#include "services/WorkspaceSetup.h"
#include "storage/DirectoryRepository.h"
#include "vault/VaultService.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

namespace {

constexpr qint64 kMiB = 1024 * 1024;
// Large enough that holding it whole shows in the process's memory; small enough to be quick.
constexpr qint64 kLargeBytes = 60 * kMiB;

// A PDF by its first bytes, then bytes that do not repeat within a megabyte.
QByteArray largePdf(qint64 size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    const QByteArray head = "%PDF-1.7\n% large test file\n";
    std::memcpy(bytes.data(), head.constData(), size_t(head.size()));
    quint32 state = 2463534242u;
    for (qint64 i = head.size(); i < size; ++i) {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        bytes[i] = char(state);
    }
    return bytes;
}

// Resident and peak memory of this process (server and test alike), in bytes.
qint64 statusBytes(const char *key)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(key)) {
            return line.mid(qsizetype(qstrlen(key))).trimmed().split(' ').value(0).toLongLong()
                   * 1024;
        }
    }
    return -1;
}

// A client on a raw socket that can stop reading (its read buffer bounded) and vanish.
class RawStream
{
public:
    explicit RawStream(quint16 port)
    {
        m_socket.connectToHost(QHostAddress::LocalHost, port);
        (void)QTest::qWaitFor(
            [this] { return m_socket.state() == QAbstractSocket::ConnectedState; }, 5000);
    }
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    void send(const QByteArray &bytes) { m_socket.write(bytes); }
    bool written() { return m_socket.bytesToWrite() == 0; }
    // Reads no more than a small buffer's worth until resumed.
    void pause() { m_socket.setReadBufferSize(64 * 1024); }
    void resume()
    {
        m_socket.setReadBufferSize(0);
        QObject::connect(&m_socket, &QTcpSocket::readyRead,
                         [this] { m_received += m_socket.readAll(); });
        m_received += m_socket.readAll();
    }
    QByteArray &received() { return m_received; }
    void abort() { m_socket.abort(); }

private:
    QTcpSocket m_socket;
    QByteArray m_received;
};

} // namespace

class TestPortalStreaming : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(Tokens::initialise()); }
    void initTestCase_data() { TestDatabase::addEngineRows(); }
    void init();
    void cleanup();

    void largeUploadRoundTripsAndASlowReaderCostsNoMemory();
    void largeDropRoundTrips();
    void chunkedUploadsWithExpectAreSpooledToo();
    void pipelinedDownloadsShareAConnection();
    void refusedUploadsLeaveNoSpool_data();
    void refusedUploadsLeaveNoSpool();
    void aClientVanishingMidBodyLeavesNoSpool();
    void theSpoolHoldsNoPlaintext();
    void clientsCannotNameASpoolOrAFile();
    void staleSpoolsAreRemovedAtStart();

private:
    // Head of an upload request with this browser's session and CSRF token.
    QByteArray uploadHead(const QString &path, qint64 length) const;
    QString filesPath(const QString &name) const
    {
        return QStringLiteral("/api/v1/tasks/%1/files?name=%2").arg(m_uploadTask).arg(name);
    }
    bool spoolIsEmpty() const
    {
        return m_portal.spoolFiles().isEmpty() && m_server->openSpools() == 0;
    }

    PortalFixture m_portal;
    std::unique_ptr<PortalClient> m_browser;
    PortalServer *m_server = nullptr;
    qint64 m_uploadTask = 0;
};

void TestPortalStreaming::init()
{
    QFETCH_GLOBAL(QString, engine);
    QString error;
    QVERIFY2(m_portal.start(engine, &error), qPrintable(error));
    m_server = &m_portal.server();
    m_uploadTask = m_portal.taskId(m_portal.contact().companyId, OwnerSide::Client,
                                   EvidenceType::Upload, TaskStatus::Pending);
    QVERIFY(m_uploadTask > 0);
    m_portal.rows(QStringLiteral("UPDATE task SET config = '{\"maxMegabytes\":100}' WHERE id = %1")
                      .arg(m_uploadTask));
    m_browser = std::make_unique<PortalClient>(m_portal.port());
    QString why;
    QVERIFY2(m_portal.signIn(*m_browser, m_portal.contact().id, &why), qPrintable(why));
    QVERIFY(m_browser->learnCsrfToken());
}

void TestPortalStreaming::cleanup()
{
    m_browser.reset();
    m_portal.stop();
}

QByteArray TestPortalStreaming::uploadHead(const QString &path, qint64 length) const
{
    return "POST " + path.toLatin1()
           + " HTTP/1.1\r\nHost: portal.example.test\r\nContent-Type: application/octet-stream\r\n"
             "Cookie: gh_session="
           + m_browser->cookie(QStringLiteral("gh_session")).toLatin1()
           + "\r\nX-CSRF-Token: " + m_browser->csrfToken()
           + "\r\nContent-Length: " + QByteArray::number(length) + "\r\n\r\n";
}

void TestPortalStreaming::largeUploadRoundTripsAndASlowReaderCostsNoMemory()
{
    const QByteArray file = largePdf(kLargeBytes);
    const HttpReply uploaded = m_browser->send("POST", filesPath(QStringLiteral("large.pdf")), file,
                                               "application/octet-stream");
    QVERIFY2(uploaded.status == 201, uploaded.describe());
    const QJsonObject stored = uploaded.json()[QStringLiteral("file")].toObject();
    QCOMPARE(stored[QStringLiteral("size")].toInteger(), kLargeBytes);
    QCOMPARE(stored[QStringLiteral("sha256")].toString().toLatin1(),
             QCryptographicHash::hash(file, QCryptographicHash::Sha256).toHex());
    QCOMPARE(stored[QStringLiteral("mediaType")].toString(), QStringLiteral("application/pdf"));
    QTRY_VERIFY(spoolIsEmpty());

    // A client that asks for the file and then stops reading.
    const qint64 before = statusBytes("VmRSS:");
    RawStream reader(m_portal.port());
    QVERIFY(reader.isConnected());
    reader.pause();
    reader.send("GET " + stored[QStringLiteral("url")].toString().toLatin1()
                + " HTTP/1.1\r\nHost: portal.example.test\r\nCookie: gh_session="
                + m_browser->cookie(QStringLiteral("gh_session")).toLatin1() + "\r\n\r\n");
    QTest::qWait(1500); // the server sends what the socket takes, then waits
    const qint64 grown = statusBytes("VmRSS:") - before;
    QVERIFY2(before > 0 && grown < 20 * kMiB,
             qPrintable(QStringLiteral("memory grew by %1 MiB").arg(grown / kMiB)));

    // Reading again, the client gets the whole file.
    reader.resume();
    QByteArray &received = reader.received();
    QTRY_VERIFY_WITH_TIMEOUT(received.indexOf("\r\n\r\n") > 0
                                 && received.size()
                                        >= received.indexOf("\r\n\r\n") + 4 + kLargeBytes,
                             60000);
    const qsizetype headEnd = received.indexOf("\r\n\r\n");
    const QByteArray head = received.left(headEnd).toLower();
    QVERIFY2(head.startsWith("http/1.1 200"), head.constData());
    QVERIFY(head.contains(QByteArray("content-length: " + QByteArray::number(kLargeBytes))));
    QVERIFY(head.contains("content-disposition: attachment; filename=\"large.pdf\""));
    QVERIFY(head.contains("content-type: application/pdf"));
    QVERIFY(head.contains("x-content-type-options: nosniff"));
    QVERIFY(head.contains("; sandbox"));
    QVERIFY(!head.contains("gatehouse-internal"));
    QCOMPARE(received.size() - headEnd - 4, kLargeBytes);
    QVERIFY(received.mid(headEnd + 4) == file);
}

void TestPortalStreaming::largeDropRoundTrips()
{
    const qint64 taskId = m_portal.taskId(m_portal.contact().companyId, OwnerSide::Client,
                                          EvidenceType::Standard, TaskStatus::Pending);
    m_portal.rows(
        QStringLiteral("UPDATE task SET evidence_type = 'file_drop' WHERE id = %1").arg(taskId));
    const QByteArray file = largePdf(kLargeBytes);
    const HttpReply dropped = m_browser->send(
        "POST", QStringLiteral("/api/v1/tasks/%1/drops?name=secret.bin").arg(taskId), file,
        "application/octet-stream");
    QVERIFY2(dropped.status == 201, dropped.describe());
    QTRY_VERIFY(spoolIsEmpty());
    const qint64 dropId = dropped.json()[QStringLiteral("drop")][QStringLiteral("id")].toInteger();

    ServiceError error;
    QString dbError;
    const std::optional<StaffMember> admin
        = DirectoryRepository(m_portal.db())
              .authenticateStaff(WorkspaceSetup::demoCredentials().adminEmail,
                                 WorkspaceSetup::demoCredentials().adminPassword, &dbError);
    QVERIFY(admin);
    const std::optional<SecureBytes> key
        = VaultService(m_portal.db(), m_portal.clock())
              .unlock(admin->id, WorkspaceSetup::demoCredentials().adminPassword, &error);
    QVERIFY2(key, qPrintable(error.message));
    QByteArray bytes;
    QBuffer sink(&bytes);
    sink.open(QIODevice::WriteOnly);
    QVERIFY2(FileDropService(m_portal.db(), m_portal.clock())
                 .download(*key, Actor::staff(*admin), dropId, QString(), sink, &error),
             qPrintable(error.message));
    QCOMPARE(bytes.size(), kLargeBytes);
    QVERIFY(bytes == file);
}

void TestPortalStreaming::chunkedUploadsWithExpectAreSpooledToo()
{
    const QByteArray file = largePdf(3 * kMiB + 5);
    QByteArray head = uploadHead(filesPath(QStringLiteral("chunked.pdf")), 0);
    head.replace("Content-Length: 0", "Transfer-Encoding: chunked\r\nExpect: 100-continue");
    RawStream client(m_portal.port());
    client.resume();
    client.send(head);
    QTRY_VERIFY(client.received().startsWith("HTTP/1.1 100 Continue\r\n\r\n"));
    QByteArray body;
    for (qsizetype at = 0; at < file.size(); at += 100000) {
        const QByteArray piece = file.mid(at, 100000);
        body += QByteArray::number(piece.size(), 16) + ";ext=1\r\n" + piece + "\r\n";
    }
    client.send(body + "0\r\nX-Trailer: yes\r\n\r\n");
    // The answer is complete once its JSON is.
    const auto answer = [&client] {
        const QByteArray &received = client.received();
        return QJsonDocument::fromJson(received.mid(received.lastIndexOf("\r\n\r\n") + 4));
    };
    QTRY_VERIFY(answer().isObject());
    QVERIFY(client.received().mid(25).startsWith("HTTP/1.1 201 "));
    QTRY_VERIFY(spoolIsEmpty());
    const QJsonObject stored = answer().object()[QStringLiteral("file")].toObject();
    QCOMPARE(stored[QStringLiteral("size")].toInteger(), file.size());
    const HttpReply back = m_browser->get(stored[QStringLiteral("url")].toString());
    QCOMPARE(back.status, 200);
    QVERIFY(back.body == file);
}

void TestPortalStreaming::pipelinedDownloadsShareAConnection()
{
    // Small files are sent whole at once; what the server said next still follows, in order.
    const QByteArray small = largePdf(1000);
    const HttpReply uploaded = m_browser->send("POST", filesPath(QStringLiteral("small.pdf")),
                                               small, "application/octet-stream");
    QVERIFY2(uploaded.status == 201, uploaded.describe());
    const QByteArray get
        = "GET "
          + uploaded.json()[QStringLiteral("file")][QStringLiteral("url")].toString().toLatin1()
          + " HTTP/1.1\r\nHost: portal.example.test\r\nCookie: gh_session="
          + m_browser->cookie(QStringLiteral("gh_session")).toLatin1() + "\r\n\r\n";
    RawStream client(m_portal.port());
    client.resume();
    client.send(get + get + "GET /api/v1/branding HTTP/1.1\r\nHost: portal.example.test\r\n\r\n"
                + get);
    QTRY_COMPARE(client.received().count("HTTP/1.1 200 OK"), 4);
    QTRY_COMPARE(client.received().count(small), 3);
    QVERIFY(client.isConnected());
    // The header that named each file to the front door stays inside.
    QVERIFY(!client.received().contains("Gatehouse-Internal"));
}

void TestPortalStreaming::refusedUploadsLeaveNoSpool_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<Headers>("headers");
    QTest::addColumn<bool>("csrf");
    QTest::addColumn<int>("status");
    const QByteArray pdf = largePdf(3 * kMiB);
    QTest::addRow("wrong type") << QByteArray("MZ\x90\x00" + QByteArray(3 * kMiB, 'x')) << Headers{}
                                << true << 422;
    QTest::addRow("no CSRF token") << pdf << Headers{} << false << 403;
    QTest::addRow("foreign origin")
        << pdf << Headers{{"Origin", "https://evil.example"}} << true << 403;
}

void TestPortalStreaming::refusedUploadsLeaveNoSpool()
{
    QFETCH(QByteArray, bytes);
    QFETCH(Headers, headers);
    QFETCH(bool, csrf);
    QFETCH(int, status);
    const QStringList before = m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM task_file"));
    m_browser->setSendsCsrfToken(csrf);
    const HttpReply reply = m_browser->send("POST", filesPath(QStringLiteral("a.pdf")), bytes,
                                            "application/octet-stream", headers);
    QVERIFY2(reply.status == status, reply.describe());
    QTRY_VERIFY(spoolIsEmpty());
    QCOMPARE(m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM task_file")), before);

    // Over the route's limit: refused before a byte of the body is read or spooled.
    RawStream client(m_portal.port());
    client.send(uploadHead(filesPath(QStringLiteral("b.pdf")), 100 * kMiB + 1));
    client.resume();
    QTRY_VERIFY(client.received().startsWith("HTTP/1.1 413 "));
    QVERIFY(spoolIsEmpty());
}

void TestPortalStreaming::aClientVanishingMidBodyLeavesNoSpool()
{
    RawStream client(m_portal.port());
    client.send(uploadHead(filesPath(QStringLiteral("gone.pdf")), 8 * kMiB) + largePdf(kMiB));
    QTRY_COMPARE(m_portal.spoolFiles().size(), 1);
    QTRY_VERIFY(client.written());
    client.abort();
    QTRY_VERIFY(spoolIsEmpty());
    QCOMPARE(m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM task_file")),
             QStringList{QStringLiteral("0")});
}

void TestPortalStreaming::theSpoolHoldsNoPlaintext()
{
    // Text with a secret on every line, sent slowly: half now, the rest never.
    QByteArray secret;
    for (int i = 0; secret.size() < 2 * kMiB; ++i) {
        secret += "username=admin password=Correct-Horse-" + QByteArray::number(i) + "\n";
    }
    RawStream client(m_portal.port());
    client.send(uploadHead(filesPath(QStringLiteral("passwords.txt")), 4 * kMiB) + secret);
    QTRY_COMPARE(m_portal.spoolFiles().size(), 1);
    const QString path = QDir(m_portal.spoolPath()).filePath(m_portal.spoolFiles().first());
    // All but the frame still in memory has reached the file.
    QTRY_VERIFY(QFileInfo(path).size() >= secret.size() - 64 * 1024);
    QFile spool(path);
    QVERIFY(spool.open(QIODevice::ReadOnly));
    const QByteArray onDisk = spool.readAll();
    QVERIFY(!onDisk.contains("password="));
    QVERIFY(!onDisk.contains("Correct-Horse"));
    for (qsizetype at = 0; at + 16 < secret.size(); at += 4096) {
        QVERIFY2(!onDisk.contains(secret.mid(at, 16)), qPrintable(QString::number(at)));
    }
    client.abort();
    QTRY_VERIFY(spoolIsEmpty());
}

void TestPortalStreaming::clientsCannotNameASpoolOrAFile()
{
    // Someone else's upload is under way: its spool exists.
    RawStream owner(m_portal.port());
    owner.send(uploadHead(filesPath(QStringLiteral("theirs.pdf")), 4 * kMiB) + largePdf(kMiB));
    QTRY_COMPARE(m_portal.spoolFiles().size(), 1);
    const QByteArray id = m_portal.spoolFiles()
                              .first()
                              .section(QLatin1Char('-'), 1)
                              .section(QLatin1Char('.'), 0, 0)
                              .toLatin1();
    QCOMPARE(id.size(), 32);

    // A request that names it gets nothing of it: the front door refuses the header.
    for (const QByteArray &header :
         {QByteArray(TransferRegistry::kSpoolHeader), QByteArray("gatehouse-internal-spool")}) {
        RawStream thief(m_portal.port());
        const QByteArray head = uploadHead(filesPath(QStringLiteral("stolen.pdf")), 0);
        thief.send(head.left(head.size() - 2) + header + ": " + id + "\r\n\r\n");
        thief.resume();
        QTRY_VERIFY(thief.received().startsWith("HTTP/1.1 400 "));
    }
    const HttpReply file = m_browser->send("GET", QStringLiteral("/api/v1/documents"), {}, {},
                                           {{TransferRegistry::kFileHeader, "x"}});
    QCOMPARE(file.status, 400);
    QCOMPARE(m_portal.rows(QStringLiteral("SELECT COUNT(*) FROM task_file")),
             QStringList{QStringLiteral("0")});
    QCOMPARE(m_portal.spoolFiles().size(), 1);
    owner.abort();
    QTRY_VERIFY(spoolIsEmpty());
}

void TestPortalStreaming::staleSpoolsAreRemovedAtStart()
{
    QTemporaryDir folder;
    const QDir dir(folder.path());
    // A pid above any the kernel hands out: a process that crashed long ago.
    const QString stale = dir.filePath(QStringLiteral("2147483000-abc.spool"));
    const QString ours = dir.filePath(QString::number(::getpid()) + QStringLiteral("-def.spool"));
    const QString other = dir.filePath(QStringLiteral("notes.txt"));
    for (const QString &path : {stale, ours, other}) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
    }
    PortalConfig config;
    config.port = 0;
    config.spoolPath = folder.path();
    PortalServer server(m_portal.db(), config, m_portal.clock());
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    QVERIFY(!QFile::exists(stale));
    QVERIFY(QFile::exists(ours)); // a running process's spools are its own
    QVERIFY(QFile::exists(other));
}

QTEST_MAIN(TestPortalStreaming)
#include "tst_portal_streaming.moc"
