// The vault's cryptography on its own: guarded buffers, key pairs, password wrapping, sealed
// boxes and the chunked file stream, including what must be refused.
#include "security/Tokens.h"
#include "vault/SecretStreamDecryptor.h"
#include "vault/SecretStreamEncryptor.h"
#include "vault/SecureBytes.h"
#include "vault/VaultCrypto.h"

#include <QList>
#include <QRandomGenerator>
#include <QTest>

using namespace Gatehouse;

namespace {

const QString kPassword = QStringLiteral("correct horse battery staple");

QByteArray toBytes(const SecureBytes &secret)
{
    return QByteArray(secret.chars(), qsizetype(secret.size()));
}

QByteArray randomBytes(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i) {
        bytes[i] = char(QRandomGenerator::global()->bounded(256));
    }
    return bytes;
}

struct Stream
{
    QByteArray header;
    QList<QByteArray> chunks;
};

Stream encrypt(const SecureBytes &key, const QByteArray &plain, qsizetype chunkSize)
{
    Stream stream;
    SecretStreamEncryptor encryptor;
    QString error;
    if (!encryptor.start(key, &error)) {
        return stream;
    }
    stream.header = encryptor.header();
    qsizetype offset = 0;
    do {
        const QByteArray piece = plain.mid(offset, chunkSize);
        offset += piece.size();
        stream.chunks.append(encryptor.push(piece, offset >= plain.size()));
    } while (offset < plain.size());
    return stream;
}

// The plaintext, or an error message prefixed with "!".
QByteArray decrypt(const SecureBytes &key, const Stream &stream)
{
    SecretStreamDecryptor decryptor;
    QString error;
    if (!decryptor.start(key, stream.header, &error)) {
        return "!" + error.toUtf8();
    }
    QByteArray out;
    for (const QByteArray &chunk : stream.chunks) {
        const std::optional<SecureBytes> plain = decryptor.pull(chunk, &error);
        if (!plain) {
            return "!" + error.toUtf8();
        }
        out += toBytes(*plain);
    }
    if (!decryptor.finish(&error)) {
        return "!" + error.toUtf8();
    }
    return out;
}

} // namespace

class TestVaultCrypto : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(Tokens::initialise()); }

    void secureBytesAreMoveOnlyAndZeroed();
    void keyPairsAreDistinctAndConsistent();
    void wrapAndUnwrap();
    void wrongPasswordOrAlteredWrapIsRefused_data();
    void wrongPasswordOrAlteredWrapIsRefused();
    void sealAndOpen_data();
    void sealAndOpen();
    void tamperedOrForeignSealIsRefused();
    void streamRoundTrip_data();
    void streamRoundTrip();
    void truncatedStreamIsRefused();
    void tamperedStreamIsRefused_data();
    void tamperedStreamIsRefused();
};

void TestVaultCrypto::secureBytesAreMoveOnlyAndZeroed()
{
    static_assert(!std::is_copy_constructible_v<SecureBytes>);
    static_assert(std::is_nothrow_move_constructible_v<SecureBytes>);
    SecureBytes fresh = SecureBytes::allocate(64);
    QVERIFY(!fresh.isNull());
    QCOMPARE(toBytes(fresh), QByteArray(64, '\0'));

    SecureBytes secret = SecureBytes::fromUtf8(QStringLiteral("s3cr\u00e9t"));
    QCOMPARE(toBytes(secret), QStringLiteral("s3cr\u00e9t").toUtf8());
    QVERIFY(secret.equals("s3cr\xc3\xa9t", 7));
    QVERIFY(!secret.equals("s3cr\xc3\xa9T", 7));
    SecureBytes moved = std::move(secret);
    QVERIFY(secret.isNull()); // NOLINT(bugprone-use-after-move): that is the point
    QCOMPARE(moved.toUtf8String(), QStringLiteral("s3cr\u00e9t"));
    QVERIFY(moved.readOnly());
    QCOMPARE(moved.toUtf8String(), QStringLiteral("s3cr\u00e9t"));
    QVERIFY(moved.noAccess());
    QVERIFY(moved.readWrite());
    moved.data()[0] = 'S';
    QCOMPARE(moved.toUtf8String(), QStringLiteral("S3cr\u00e9t"));

    // An empty secret is a valid, empty value, not a failed allocation.
    const SecureBytes empty = SecureBytes::fromUtf8(QString());
    QVERIFY(!empty.isNull());
    QVERIFY(empty.isEmpty());

    QByteArray transit("password in transit");
    SecureBytes::wipe(transit);
    QVERIFY(transit.isEmpty());
}

void TestVaultCrypto::keyPairsAreDistinctAndConsistent()
{
    const std::optional<KeyPair> a = VaultCrypto::generateKeyPair();
    const std::optional<KeyPair> b = VaultCrypto::generateKeyPair();
    QVERIFY(a && b);
    QCOMPARE(a->publicKey.size(), VaultCrypto::kPublicKeyBytes);
    QCOMPARE(int(a->secretKey.size()), VaultCrypto::kSecretKeyBytes);
    QVERIFY(a->publicKey != b->publicKey);
    QVERIFY(toBytes(a->secretKey) != toBytes(b->secretKey));
    QCOMPARE(VaultCrypto::publicKeyOf(a->secretKey), a->publicKey);
    QCOMPARE(VaultCrypto::publicKeyOf(b->secretKey), b->publicKey);
}

void TestVaultCrypto::wrapAndUnwrap()
{
    const std::optional<KeyPair> pair = VaultCrypto::generateKeyPair();
    QVERIFY(pair);
    QString error;
    const std::optional<WrappedKey> first
        = VaultCrypto::wrap(pair->secretKey, kPassword, KdfParams::minimum(), &error);
    const std::optional<WrappedKey> second
        = VaultCrypto::wrap(pair->secretKey, kPassword, KdfParams::minimum(), &error);
    QVERIFY2(first && second, qPrintable(error));
    // A fresh salt and nonce each time: the same key and password never wrap alike.
    QVERIFY(first->salt != second->salt);
    QVERIFY(first->box != second->box);
    QVERIFY(!first->box.contains(toBytes(pair->secretKey)));
    QCOMPARE(first->kdf.opsLimit, KdfParams::minimum().opsLimit);

    const std::optional<SecureBytes> opened = VaultCrypto::unwrap(*first, kPassword, &error);
    QVERIFY2(opened, qPrintable(error));
    QCOMPARE(toBytes(*opened), toBytes(pair->secretKey));

    // Stronger settings are stored with the wrap and used to open it again.
    const KdfParams stronger{KdfParams::minimum().opsLimit + 1, KdfParams::minimum().memLimit * 2};
    const std::optional<WrappedKey> strong
        = VaultCrypto::wrap(pair->secretKey, kPassword, stronger, &error);
    QVERIFY2(strong, qPrintable(error));
    QCOMPARE(strong->kdf.memLimit, stronger.memLimit);
    QVERIFY(VaultCrypto::unwrap(*strong, kPassword, &error));
    WrappedKey misread = *strong;
    misread.kdf = KdfParams::minimum();
    QVERIFY(!VaultCrypto::unwrap(misread, kPassword, &error));

    QVERIFY(!VaultCrypto::wrap(pair->secretKey, kPassword, KdfParams{1, 1024}, &error));
}

void TestVaultCrypto::wrongPasswordOrAlteredWrapIsRefused_data()
{
    QTest::addColumn<QString>("password");
    QTest::addColumn<int>("alter"); // 0 nothing, 1 box, 2 salt
    QTest::addRow("wrong password") << QStringLiteral("correct horse battery stapler") << 0;
    QTest::addRow("empty password") << QString() << 0;
    QTest::addRow("altered box") << kPassword << 1;
    QTest::addRow("altered salt") << kPassword << 2;
}

void TestVaultCrypto::wrongPasswordOrAlteredWrapIsRefused()
{
    QFETCH(QString, password);
    QFETCH(int, alter);
    const std::optional<KeyPair> pair = VaultCrypto::generateKeyPair();
    QString error;
    std::optional<WrappedKey> wrapped
        = VaultCrypto::wrap(pair->secretKey, kPassword, KdfParams::minimum(), &error);
    QVERIFY(wrapped);
    if (alter == 1) {
        wrapped->box[wrapped->box.size() - 1] = char(wrapped->box.back() ^ 0x01);
    } else if (alter == 2) {
        wrapped->salt[0] = char(wrapped->salt.front() ^ 0x80);
    }
    error.clear();
    QVERIFY(!VaultCrypto::unwrap(*wrapped, password, &error));
    QCOMPARE(error, QStringLiteral("The password is not correct."));
}

void TestVaultCrypto::sealAndOpen_data()
{
    QTest::addColumn<QByteArray>("plain");
    QTest::addRow("empty") << QByteArray();
    QTest::addRow("short") << QByteArray("hunter2-but-longer");
    QTest::addRow("binary 1 MiB") << randomBytes(1024 * 1024);
}

void TestVaultCrypto::sealAndOpen()
{
    QFETCH(QByteArray, plain);
    const std::optional<KeyPair> vault = VaultCrypto::generateKeyPair();
    const SecureBytes secret = SecureBytes::copyOf(plain);
    const QByteArray sealed = VaultCrypto::seal(secret, vault->publicKey);
    QCOMPARE(sealed.size(), plain.size() + VaultCrypto::kSealOverheadBytes);
    if (plain.size() >= 8) {
        QVERIFY(!sealed.contains(plain.left(8)));
    }
    // Sealing is randomised: the same secret never looks the same twice.
    QVERIFY(VaultCrypto::seal(secret, vault->publicKey) != sealed);
    QString error;
    const std::optional<SecureBytes> opened
        = VaultCrypto::open(sealed, vault->publicKey, vault->secretKey, &error);
    QVERIFY2(opened, qPrintable(error));
    QCOMPARE(toBytes(*opened), plain);
}

void TestVaultCrypto::tamperedOrForeignSealIsRefused()
{
    const std::optional<KeyPair> vault = VaultCrypto::generateKeyPair();
    const std::optional<KeyPair> other = VaultCrypto::generateKeyPair();
    const QByteArray sealed
        = VaultCrypto::seal(SecureBytes::copyOf(QByteArray("api-key-123")), vault->publicKey);
    QString error;
    for (qsizetype i = 0; i < sealed.size(); ++i) {
        QByteArray tampered = sealed;
        tampered[i] = char(tampered.at(i) ^ 0x01);
        QVERIFY2(!VaultCrypto::open(tampered, vault->publicKey, vault->secretKey, &error),
                 qPrintable(QString::number(i)));
    }
    QVERIFY(!VaultCrypto::open(sealed.chopped(1), vault->publicKey, vault->secretKey, &error));
    QVERIFY(!VaultCrypto::open(sealed.left(10), vault->publicKey, vault->secretKey, &error));
    QVERIFY(!VaultCrypto::open(sealed, other->publicKey, other->secretKey, &error));
    QCOMPARE(error,
             QStringLiteral("The stored secret is damaged or was not sealed for this vault."));
    QVERIFY(VaultCrypto::seal(SecureBytes::allocate(4), QByteArray("short")).isEmpty());
}

void TestVaultCrypto::streamRoundTrip_data()
{
    QTest::addColumn<QByteArray>("plain");
    QTest::addColumn<int>("chunkSize");
    QTest::addRow("empty file") << QByteArray() << 64;
    QTest::addRow("one chunk") << randomBytes(100) << 4096;
    QTest::addRow("exact chunks") << randomBytes(4 * 1024) << 1024;
    QTest::addRow("ragged end") << randomBytes(3 * 65536 + 17) << 65536;
}

void TestVaultCrypto::streamRoundTrip()
{
    QFETCH(QByteArray, plain);
    QFETCH(int, chunkSize);
    const SecureBytes key = VaultCrypto::newStreamKey();
    QCOMPARE(int(key.size()), 32);
    const Stream stream = encrypt(key, plain, chunkSize);
    QCOMPARE(stream.header.size(), SecretStreamEncryptor::kHeaderBytes);
    QCOMPARE(stream.chunks.size(), qMax<qsizetype>(1, (plain.size() + chunkSize - 1) / chunkSize));
    for (const QByteArray &chunk : stream.chunks) {
        QVERIFY(chunk.size() <= chunkSize + SecretStreamEncryptor::kChunkOverheadBytes);
    }
    QCOMPARE(decrypt(key, stream), plain);

    // Another key opens nothing.
    const QByteArray wrongKey = decrypt(VaultCrypto::newStreamKey(), stream);
    QVERIFY2(wrongKey.startsWith('!'), wrongKey.left(80).constData());

    // Nothing can be pushed after the final chunk.
    SecretStreamEncryptor encryptor;
    QString error;
    QVERIFY(encryptor.start(key, &error));
    QVERIFY(!encryptor.push(QByteArray("x"), true).isEmpty());
    QVERIFY(encryptor.isFinished());
    QVERIFY(encryptor.push(QByteArray("y"), true).isEmpty());
}

void TestVaultCrypto::truncatedStreamIsRefused()
{
    const SecureBytes key = VaultCrypto::newStreamKey();
    const QByteArray plain = randomBytes(10 * 1000);
    Stream stream = encrypt(key, plain, 1000);
    QCOMPARE(stream.chunks.size(), 10);
    stream.chunks.removeLast();
    QCOMPARE(decrypt(key, stream),
             QByteArray("!The encrypted file is incomplete: its end is missing."));
    stream.chunks.clear();
    QCOMPARE(decrypt(key, stream),
             QByteArray("!The encrypted file is incomplete: its end is missing."));
    // The last chunk cut short.
    Stream cut = encrypt(key, plain, 1000);
    cut.chunks.last().chop(1);
    QVERIFY(decrypt(key, cut).startsWith('!'));
}

void TestVaultCrypto::tamperedStreamIsRefused_data()
{
    QTest::addColumn<QString>("how");
    QTest::addRow("flipped bit") << QStringLiteral("flip");
    QTest::addRow("chunks swapped") << QStringLiteral("swap");
    QTest::addRow("chunk dropped") << QStringLiteral("drop");
    QTest::addRow("chunk repeated") << QStringLiteral("repeat");
    QTest::addRow("data after the end") << QStringLiteral("append");
    QTest::addRow("header altered") << QStringLiteral("header");
}

void TestVaultCrypto::tamperedStreamIsRefused()
{
    QFETCH(QString, how);
    const SecureBytes key = VaultCrypto::newStreamKey();
    const QByteArray plain = randomBytes(5 * 512);
    Stream stream = encrypt(key, plain, 512);
    QCOMPARE(decrypt(key, stream), plain);
    if (how == QLatin1String("flip")) {
        stream.chunks[2][40] = char(stream.chunks[2].at(40) ^ 0x04);
    } else if (how == QLatin1String("swap")) {
        stream.chunks.swapItemsAt(1, 2);
    } else if (how == QLatin1String("drop")) {
        stream.chunks.removeAt(1);
    } else if (how == QLatin1String("repeat")) {
        stream.chunks.insert(2, stream.chunks.at(1));
    } else if (how == QLatin1String("append")) {
        stream.chunks.append(stream.chunks.last());
    } else {
        stream.header[0] = char(stream.header.at(0) ^ 0x01);
    }
    const QByteArray result = decrypt(key, stream);
    QVERIFY2(result.startsWith('!'), qPrintable(how));
}

QTEST_GUILESS_MAIN(TestVaultCrypto)
#include "tst_vault_crypto.moc"
