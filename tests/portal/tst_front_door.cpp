// The front door against what an attacker or a broken client sends: oversized and malformed
// heads, lying and huge bodies, slow clients, idle and surplus connections. Each case runs
// over a real socket, byte for byte.
#include "PortalFixture.h"

#include "security/Tokens.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

using namespace Gatehouse;
using namespace Gatehouse::Testing;

namespace {

// A client that writes exactly what it is told and keeps everything it receives.
class RawClient
{
public:
    explicit RawClient(quint16 port)
    {
        QObject::connect(&m_socket, &QTcpSocket::readyRead,
                         [this] { m_received += m_socket.readAll(); });
        QObject::connect(&m_socket, &QTcpSocket::disconnected, [this] { m_closed = true; });
        m_socket.connectToHost(QHostAddress::LocalHost, port);
        m_socket.waitForConnected(5000);
    }
    void send(const QByteArray &bytes)
    {
        m_socket.write(bytes);
        m_socket.flush();
    }
    bool isClosed() const { return m_closed; }
    QByteArray received() const { return m_received; }
    // Status codes of every response received so far, in order.
    QList<int> statuses() const
    {
        static const QRegularExpression line(QStringLiteral("HTTP/1\\.[01] (\\d{3}) "));
        QList<int> codes;
        auto it = line.globalMatch(QString::fromLatin1(m_received));
        while (it.hasNext()) {
            codes.append(it.next().captured(1).toInt());
        }
        return codes;
    }
    void abort() { m_socket.abort(); }

private:
    QTcpSocket m_socket;
    QByteArray m_received;
    bool m_closed = false;
};

const QByteArray kGet = "GET /api/v1/branding HTTP/1.1\r\nHost: portal.example.test\r\n\r\n";

} // namespace

class TestFrontDoor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase() { m_portal.stop(); }

    void keepAliveServesSeveralRequests();
    void refusals_data();
    void refusals();
    void chunkedBodiesAreCountedAgainstTheLimit();
    void connectionCloseIsHonoured_data();
    void connectionCloseIsHonoured();
    void expectContinueIsAnswered();
    void slowClientsAreCutOff_data();
    void slowClientsAreCutOff();
    void idleConnectionsAreClosed();
    void connectionsPerAddressAreCapped();
    void aClientVanishingMidBodyHarmsNoOne();

private:
    PortalFixture m_portal;
    FrontDoorLimits m_limits;
};

void TestFrontDoor::initTestCase()
{
    QVERIFY(Tokens::initialise());
    m_limits.maxBodyBytes = 64 * 1024;
    m_limits.headerTimeoutMs = 400;
    m_limits.idleTimeoutMs = 400;
    m_limits.bodyRateWindowMs = 400;
    m_limits.minBodyBytesPerWindow = 1024;
    m_limits.maxConnectionsPerAddress = 4;
    QString error;
    QVERIFY2(m_portal.start(QStringLiteral("sqlite"), &error, m_limits), qPrintable(error));
}

void TestFrontDoor::keepAliveServesSeveralRequests()
{
    RawClient client(m_portal.port());
    client.send(kGet);
    QTRY_COMPARE(client.statuses(), (QList<int>{200}));
    client.send(kGet + kGet); // pipelined
    QTRY_COMPARE(client.statuses(), (QList<int>{200, 200, 200}));
    QVERIFY(!client.isClosed());
}

void TestFrontDoor::refusals_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");
    const QByteArray host = "Host: portal.example.test\r\n";
    QTest::addRow("request line over 8 KiB")
        << "GET /" + QByteArray(9000, 'a') + " HTTP/1.1\r\n" + host + "\r\n"
        << 414;
    QTest::addRow("1 MB URL") << "GET /?" + QByteArray(1024 * 1024, 'a') + " HTTP/1.1\r\n" << 414;
    QByteArray manyHeaders = "GET / HTTP/1.1\r\n" + host;
    for (int i = 0; i < 150; ++i) {
        manyHeaders += "X-Filler-" + QByteArray::number(i) + ": x\r\n";
    }
    QTest::addRow("150 headers") << manyHeaders + "\r\n" << 431;
    QTest::addRow("40 KiB of headers")
        << "GET / HTTP/1.1\r\n" + host + "X-Big: " + QByteArray(40 * 1024, 'b') + "\r\n\r\n"
        << 431;
    QTest::addRow("body announced over the limit")
        << "POST /api/v1/auth/login HTTP/1.1\r\n" + host
               + "Content-Type: application/json\r\nContent-Length: 1073741824\r\n\r\n"
        << 413;
    QTest::addRow("content length and chunked")
        << "POST /api/v1/auth/login HTTP/1.1\r\n" + host
               + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
        << 400;
    QTest::addRow("content length not a number")
        << "POST / HTTP/1.1\r\n" + host + "Content-Length: 12abc\r\n\r\n"
        << 400;
    QTest::addRow("negative content length")
        << "POST / HTTP/1.1\r\n" + host + "Content-Length: -1\r\n\r\n"
        << 400;
    QTest::addRow("two different content lengths")
        << "POST / HTTP/1.1\r\n" + host + "Content-Length: 3\r\nContent-Length: 4\r\n\r\nabcd"
        << 400;
    QTest::addRow("unknown transfer encoding")
        << "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: gzip, chunked\r\n\r\n"
        << 501;
    QTest::addRow("no host") << QByteArray("GET / HTTP/1.1\r\n\r\n") << 400;
    QTest::addRow("two hosts") << "GET / HTTP/1.1\r\n" + host + host + "\r\n" << 400;
    QTest::addRow("http 2 preface") << QByteArray("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") << 505;
    QTest::addRow("garbage") << QByteArray("\x16\x03\x01 hello\r\n\r\n") << 400;
    QTest::addRow("folded header") << "GET / HTTP/1.1\r\n" + host + "X-A: one\r\n two\r\n\r\n"
                                   << 400;
    QTest::addRow("space before colon") << "GET / HTTP/1.1\r\n" + host + "X-A : one\r\n\r\n" << 400;
    QTest::addRow("absolute form target") << "GET http://evil.example/ HTTP/1.1\r\n" + host + "\r\n"
                                          << 400;
    QTest::addRow("lying content length")
        << "POST /api/v1/auth/login HTTP/1.1\r\n" + host
               + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}GARBAGE\r\n\r\n"
        << 400;
}

void TestFrontDoor::refusals()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    RawClient client(m_portal.port());
    client.send(request);
    QTRY_VERIFY_WITH_TIMEOUT(client.isClosed(), 5000);
    QVERIFY2(client.statuses().contains(status), client.received().left(300).constData());
    QCOMPARE(client.statuses().last(), status);
    QVERIFY(client.received().contains("\"error\""));
    // The server is unharmed.
    RawClient next(m_portal.port());
    next.send(kGet);
    QTRY_COMPARE(next.statuses(), (QList<int>{200}));
}

void TestFrontDoor::chunkedBodiesAreCountedAgainstTheLimit()
{
    RawClient small(m_portal.port());
    small.send("POST /api/v1/auth/login HTTP/1.1\r\nHost: portal.example.test\r\n"
               "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
               "b\r\n{\"email\":1}\r\n0\r\n\r\n");
    QTRY_COMPARE(small.statuses(), (QList<int>{422})); // reached the API, which refused it
    QVERIFY(!small.isClosed());

    RawClient huge(m_portal.port());
    huge.send("POST /api/v1/auth/login HTTP/1.1\r\nHost: portal.example.test\r\n"
              "Transfer-Encoding: chunked\r\n\r\n8000\r\n"
              + QByteArray(0x8000, 'x') + "\r\n8000\r\n" + QByteArray(0x8000, 'x')
              + "\r\n8000\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(huge.isClosed(), 5000);
    QCOMPARE(huge.statuses(), (QList<int>{413}));

    RawClient hugeChunk(m_portal.port());
    hugeChunk.send("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                   "fffffffffffffff\r\n");
    QTRY_VERIFY_WITH_TIMEOUT(hugeChunk.isClosed(), 5000);
    QCOMPARE(hugeChunk.statuses(), (QList<int>{413}));
}

void TestFrontDoor::connectionCloseIsHonoured_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addRow("connection close")
        << QByteArray("GET /api/v1/branding HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    QTest::addRow("http 1.0") << QByteArray("GET /api/v1/branding HTTP/1.0\r\n\r\n");
    QTest::addRow("close, then more")
        << QByteArray("GET /api/v1/branding HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
               + kGet;
}

void TestFrontDoor::connectionCloseIsHonoured()
{
    QFETCH(QByteArray, request);
    RawClient client(m_portal.port());
    client.send(request);
    QTRY_VERIFY_WITH_TIMEOUT(client.isClosed(), 2000);
    QCOMPARE(client.statuses(), (QList<int>{200})); // one answer, and nothing after close
}

void TestFrontDoor::expectContinueIsAnswered()
{
    RawClient client(m_portal.port());
    const QByteArray body = "{\"email\":\"someone@example.com\"}";
    client.send("POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                "Expect: 100-continue\r\nContent-Length: "
                + QByteArray::number(body.size()) + "\r\n\r\n");
    QTRY_COMPARE(client.statuses(), (QList<int>{100}));
    client.send(body);
    QTRY_COMPARE(client.statuses(), (QList<int>{100, 200}));
}

void TestFrontDoor::slowClientsAreCutOff_data()
{
    QTest::addColumn<QByteArray>("trickle");
    QTest::addRow("slowloris: a head that never ends")
        << QByteArray("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ");
    QTest::addRow("slow body") << QByteArray(
        "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: "
        "application/json\r\nContent-Length: 5000\r\n\r\n{\"email\":");
}

void TestFrontDoor::slowClientsAreCutOff()
{
    QFETCH(QByteArray, trickle);
    RawClient client(m_portal.port());
    client.send(trickle);
    // The limits in this test are a few hundred milliseconds; the client is cut off soon after.
    QTRY_VERIFY_WITH_TIMEOUT(client.isClosed(), 5000);
    QCOMPARE(client.statuses(), (QList<int>{408}));
}

void TestFrontDoor::idleConnectionsAreClosed()
{
    RawClient client(m_portal.port());
    client.send(kGet);
    QTRY_COMPARE(client.statuses(), (QList<int>{200}));
    QTRY_VERIFY_WITH_TIMEOUT(client.isClosed(), 5000);
    QCOMPARE(client.statuses(), (QList<int>{200})); // closed quietly
}

void TestFrontDoor::connectionsPerAddressAreCapped()
{
    std::vector<std::unique_ptr<RawClient>> clients;
    for (int i = 0; i < m_limits.maxConnectionsPerAddress; ++i) {
        clients.push_back(std::make_unique<RawClient>(m_portal.port()));
        clients.back()->send("GET / HTTP/1.1\r\n"); // keep them busy without finishing
    }
    RawClient surplus(m_portal.port());
    QTRY_VERIFY_WITH_TIMEOUT(surplus.isClosed(), 5000);
    QCOMPARE(surplus.statuses(), (QList<int>{503}));
    for (const auto &client : clients) {
        client->abort();
    }
    // Once they are gone there is room again.
    QTRY_VERIFY_WITH_TIMEOUT(
        [this] {
            RawClient again(m_portal.port());
            again.send(kGet);
            return QTest::qWaitFor([&again] { return !again.statuses().isEmpty(); }, 1000)
                   && again.statuses().first() == 200;
        }(),
        5000);
}

void TestFrontDoor::aClientVanishingMidBodyHarmsNoOne()
{
    {
        RawClient vanishing(m_portal.port());
        vanishing.send("POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: "
                       "application/json\r\nContent-Length: 60000\r\n\r\n"
                       + QByteArray(20000, ' '));
        QTest::qWait(50); // let the server start on it; this is the point of the test
        vanishing.abort();
    }
    RawClient next(m_portal.port());
    next.send(kGet);
    QTRY_COMPARE(next.statuses(), (QList<int>{200}));
}

QTEST_GUILESS_MAIN(TestFrontDoor)
#include "tst_front_door.moc"
