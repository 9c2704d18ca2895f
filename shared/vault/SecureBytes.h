#pragma once

#include <QByteArray>
#include <QString>

#include <cstddef>

namespace Gatehouse {

// A buffer for keys and plaintext secrets in libsodium's guarded memory: guard pages around it,
// kept out of swap where the system allows, and wiped when it goes. Move-only, so a secret has
// one owner and is never copied by accident.
class SecureBytes
{
public:
    SecureBytes() = default;
    ~SecureBytes();
    SecureBytes(SecureBytes &&other) noexcept;
    SecureBytes &operator=(SecureBytes &&other) noexcept;
    SecureBytes(const SecureBytes &) = delete;
    SecureBytes &operator=(const SecureBytes &) = delete;

    // size zeroed bytes; isNull() when the allocation failed.
    static SecureBytes allocate(std::size_t size);
    static SecureBytes copyOf(const char *data, std::size_t size);
    static SecureBytes copyOf(const QByteArray &bytes)
    {
        return copyOf(bytes.constData(), std::size_t(bytes.size()));
    }
    // The UTF-8 of text; the intermediate copy is wiped.
    static SecureBytes fromUtf8(const QString &text);

    // Allocation failed (or moved from). An empty secret of size 0 is not null.
    bool isNull() const { return m_data == nullptr; }
    bool isEmpty() const { return m_size == 0; }
    std::size_t size() const { return m_size; }
    unsigned char *data() { return m_data; }
    const unsigned char *constData() const { return m_data; }
    const char *chars() const { return reinterpret_cast<const char *>(m_data); }

    // The bytes as text, for showing a secret at the moment it is shown.
    QString toUtf8String() const;
    bool equals(const char *data, std::size_t size) const; // constant time for equal sizes

    // Page protection while a secret is held but not used: noAccess() makes any read crash
    // instead of leaking, readOnly() keeps it from being overwritten. Both return false when
    // the system refuses.
    bool noAccess();
    bool readOnly();
    bool readWrite();

    // Wipes a QByteArray or QString that held a secret on its way in or out.
    static void wipe(QByteArray &bytes);
    static void wipe(QString &text);

private:
    void release();

    unsigned char *m_data = nullptr;
    std::size_t m_size = 0;
};

} // namespace Gatehouse
