#include "SecureBytes.h"

#include <sodium.h>

#include <cstring>
#include <utility>

namespace Gatehouse {

namespace {

// sodium_malloc() needs the page size that sodium_init() finds; init is cheap after the first.
bool ready()
{
    return sodium_init() >= 0;
}

// sodium_malloc(0) still returns a guarded region, so an empty secret is not null.
constexpr std::size_t kMinimumAllocation = 1;

} // namespace

SecureBytes::~SecureBytes()
{
    release();
}

SecureBytes::SecureBytes(SecureBytes &&other) noexcept
    : m_data(std::exchange(other.m_data, nullptr))
    , m_size(std::exchange(other.m_size, 0))
{}

SecureBytes &SecureBytes::operator=(SecureBytes &&other) noexcept
{
    if (this != &other) {
        release();
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
    }
    return *this;
}

void SecureBytes::release()
{
    if (m_data) {
        sodium_free(m_data); // unprotects and wipes before freeing
        m_data = nullptr;
        m_size = 0;
    }
}

SecureBytes SecureBytes::allocate(std::size_t size)
{
    SecureBytes bytes;
    if (!ready()) {
        return bytes;
    }
    void *memory = sodium_malloc(size < kMinimumAllocation ? kMinimumAllocation : size);
    if (!memory) {
        return bytes;
    }
    // sodium_malloc fills with 0xdb to show misuse; a fresh buffer starts zeroed instead.
    sodium_memzero(memory, size < kMinimumAllocation ? kMinimumAllocation : size);
    bytes.m_data = static_cast<unsigned char *>(memory);
    bytes.m_size = size;
    return bytes;
}

SecureBytes SecureBytes::copyOf(const char *data, std::size_t size)
{
    SecureBytes bytes = allocate(size);
    if (!bytes.isNull() && size > 0) {
        std::memcpy(bytes.m_data, data, size);
    }
    return bytes;
}

SecureBytes SecureBytes::fromUtf8(const QString &text)
{
    QByteArray utf8 = text.toUtf8();
    SecureBytes bytes = copyOf(utf8);
    wipe(utf8);
    return bytes;
}

QString SecureBytes::toUtf8String() const
{
    if (!m_data) {
        return QString();
    }
    return QString::fromUtf8(chars(), qsizetype(m_size));
}

bool SecureBytes::equals(const char *data, std::size_t size) const
{
    if (!m_data || size != m_size) {
        return false;
    }
    return size == 0 || sodium_memcmp(m_data, data, size) == 0;
}

bool SecureBytes::noAccess()
{
    return m_data && sodium_mprotect_noaccess(m_data) == 0;
}

bool SecureBytes::readOnly()
{
    return m_data && sodium_mprotect_readonly(m_data) == 0;
}

bool SecureBytes::readWrite()
{
    return m_data && sodium_mprotect_readwrite(m_data) == 0;
}

void SecureBytes::wipe(QByteArray &bytes)
{
    if (!bytes.isEmpty() && !bytes.isDetached()) {
        // Shared data belongs to someone else too; wiping it would change their copy.
        bytes.clear();
        return;
    }
    if (!bytes.isEmpty()) {
        sodium_memzero(bytes.data(), std::size_t(bytes.size()));
    }
    bytes.clear();
}

void SecureBytes::wipe(QString &text)
{
    if (!text.isEmpty() && text.isDetached()) {
        sodium_memzero(text.data(), std::size_t(text.size()) * sizeof(QChar));
    }
    text.clear();
}

} // namespace Gatehouse
