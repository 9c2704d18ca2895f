// The in-process socket pair between the front door and QHttpServer: it must behave as a
// connected TCP socket does for whoever holds either end.
#include "http/MemorySocket.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Gatehouse;

class TestMemorySocket : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        const auto [first, second] = MemorySocket::createPair();
        m_a.reset(first);
        m_b.reset(second);
    }
    void cleanup()
    {
        m_a.reset();
        m_b.reset();
    }

    void whatOneEndWritesTheOtherReads();
    void readyReadComesFromTheEventLoopOnceForManyWrites();
    void bytesWrittenComesFromTheEventLoopToWhoeverListens();
    void aReaderTakingALittleAtATimeGetsEverythingInOrder();
    void transactionsAndPeekWorkAsQHttpServerUsesThem();
    void closingLetsThePeerReadWhatCameFirstThenDisconnects();
    void aDestroyedEndDisconnectsItsPeer();
    void nothingCanBeWrittenAfterTheConnectionIsClosed();
    void theRelayShowsTheClientsAddress();

private:
    std::unique_ptr<MemorySocket> m_a;
    std::unique_ptr<MemorySocket> m_b;
};

void TestMemorySocket::whatOneEndWritesTheOtherReads()
{
    QCOMPARE(m_a->state(), QAbstractSocket::ConnectedState);
    QCOMPARE(m_a->write("GET / HTTP/1.1\r\n"), 16);
    QCOMPARE(m_a->bytesToWrite(), 0); // nothing waits: it is with the peer already
    QCOMPARE(m_b->bytesAvailable(), 16);
    QCOMPARE(m_b->readAll(), QByteArray("GET / HTTP/1.1\r\n"));
    QCOMPARE(m_b->bytesAvailable(), 0);
    QCOMPARE(m_b->write("HTTP/1.1 200 OK\r\n"), 17);
    QCOMPARE(m_a->readAll(), QByteArray("HTTP/1.1 200 OK\r\n"));
}

void TestMemorySocket::readyReadComesFromTheEventLoopOnceForManyWrites()
{
    QSignalSpy readable(m_b.get(), &QIODevice::readyRead);
    m_a->write("one ");
    m_a->write("two ");
    m_a->write("three");
    QCOMPARE(readable.count(), 0); // never from within write()
    QVERIFY(readable.wait(1000));
    QCoreApplication::processEvents();
    QCOMPARE(readable.count(), 1);
    QCOMPARE(m_b->readAll(), QByteArray("one two three"));
}

void TestMemorySocket::bytesWrittenComesFromTheEventLoopToWhoeverListens()
{
    QSignalSpy written(m_a.get(), &QIODevice::bytesWritten);
    m_a->write("12345");
    m_a->write("678");
    QCOMPARE(written.count(), 0);
    QVERIFY(written.wait(1000));
    QCOMPARE(written.count(), 1);
    QCOMPARE(written.first().first().toLongLong(), 8);
}

void TestMemorySocket::aReaderTakingALittleAtATimeGetsEverythingInOrder()
{
    QByteArray sent;
    for (int i = 0; i < 20000; ++i) {
        sent += QByteArray::number(i) + ',';
    }
    m_a->write(sent);
    QByteArray received;
    while (m_b->bytesAvailable() > 0) {
        received += m_b->read(777);
    }
    QCOMPARE(received.size(), sent.size());
    QVERIFY(received == sent);
}

void TestMemorySocket::transactionsAndPeekWorkAsQHttpServerUsesThem()
{
    m_a->write("GET /api/v1/home HTTP/1.1\r\nHost: x\r\n");
    m_b->startTransaction();
    QCOMPARE(m_b->readAll(), QByteArray("GET /api/v1/home HTTP/1.1\r\nHost: x\r\n"));
    m_b->rollbackTransaction(); // the head was not complete: read it again with what follows
    m_a->write("\r\n");
    QCOMPARE(m_b->peek(3), QByteArray("GET"));
    QCOMPARE(m_b->readAll(), QByteArray("GET /api/v1/home HTTP/1.1\r\nHost: x\r\n\r\n"));
}

void TestMemorySocket::closingLetsThePeerReadWhatCameFirstThenDisconnects()
{
    QSignalSpy readable(m_b.get(), &QIODevice::readyRead);
    QSignalSpy gone(m_b.get(), &QAbstractSocket::disconnected);
    QSignalSpy ownGone(m_a.get(), &QAbstractSocket::disconnected);
    m_a->write("last words");
    m_a->disconnectFromHost();
    QCOMPARE(m_a->state(), QAbstractSocket::UnconnectedState);
    QCOMPARE(gone.count(), 0);
    QVERIFY(gone.wait(1000));
    QCOMPARE(readable.count(), 1); // announced before the disconnection
    QCOMPARE(m_b->state(), QAbstractSocket::UnconnectedState);
    QCOMPARE(m_b->readAll(), QByteArray("last words"));
    QTRY_COMPARE(ownGone.count(), 1);
}

void TestMemorySocket::aDestroyedEndDisconnectsItsPeer()
{
    QSignalSpy gone(m_b.get(), &QAbstractSocket::disconnected);
    m_a->write("bye");
    m_a.reset();
    QVERIFY(gone.wait(1000));
    QCOMPARE(m_b->readAll(), QByteArray("bye"));
    QCOMPARE(m_b->write("anyone?"), -1);
}

void TestMemorySocket::nothingCanBeWrittenAfterTheConnectionIsClosed()
{
    m_a->abort(); // as the front door drops QHttpServer's request on a refusal
    QCOMPARE(m_a->state(), QAbstractSocket::UnconnectedState);
    QVERIFY(!m_a->isOpen());
    QTRY_COMPARE(m_b->state(), QAbstractSocket::UnconnectedState);
    QCOMPARE(m_b->write("late"), -1);
    QVERIFY(!m_b->errorString().isEmpty());
}

void TestMemorySocket::theRelayShowsTheClientsAddress()
{
    m_b->setClient(QHostAddress(QStringLiteral("203.0.113.7")), 51234);
    QCOMPARE(m_b->peerAddress(), QHostAddress(QStringLiteral("203.0.113.7")));
    QCOMPARE(m_b->peerPort(), quint16(51234));
}

QTEST_GUILESS_MAIN(TestMemorySocket)
#include "tst_memory_socket.moc"
