#include "CredentialPayload.h"

#include <array>
#include <cstring>

namespace Gatehouse {

namespace {

constexpr char kMagic[] = {'G', 'H', 'C', '1'};
constexpr std::size_t kLengthBytes = 4;

} // namespace

void SingleCredential::wipe()
{
    SecureBytes::wipe(username);
    SecureBytes::wipe(password);
    SecureBytes::wipe(apiKey);
    SecureBytes::wipe(notes);
}

namespace CredentialPayload {

SecureBytes encode(const SingleCredential &credential)
{
    const std::array<SecureBytes, 4> fields{SecureBytes::fromUtf8(credential.username.trimmed()),
                                            SecureBytes::fromUtf8(credential.password),
                                            SecureBytes::fromUtf8(credential.apiKey.trimmed()),
                                            SecureBytes::fromUtf8(credential.notes)};
    std::size_t total = sizeof(kMagic);
    for (const SecureBytes &field : fields) {
        if (field.isNull()) {
            return SecureBytes();
        }
        total += kLengthBytes + field.size();
    }
    SecureBytes payload = SecureBytes::allocate(total);
    if (payload.isNull()) {
        return payload;
    }
    unsigned char *out = payload.data();
    std::memcpy(out, kMagic, sizeof(kMagic));
    out += sizeof(kMagic);
    for (const SecureBytes &field : fields) {
        const auto size = quint32(field.size());
        out[0] = static_cast<unsigned char>(size >> 24);
        out[1] = static_cast<unsigned char>(size >> 16);
        out[2] = static_cast<unsigned char>(size >> 8);
        out[3] = static_cast<unsigned char>(size);
        out += kLengthBytes;
        if (size > 0) {
            std::memcpy(out, field.constData(), size);
            out += size;
        }
    }
    return payload;
}

std::optional<SingleCredentialSecret> decode(const SecureBytes &payload)
{
    if (payload.size() < sizeof(kMagic)
        || std::memcmp(payload.constData(), kMagic, sizeof(kMagic)) != 0) {
        return std::nullopt;
    }
    std::array<SecureBytes, 4> fields;
    std::size_t offset = sizeof(kMagic);
    for (SecureBytes &field : fields) {
        if (payload.size() - offset < kLengthBytes) {
            return std::nullopt;
        }
        const unsigned char *in = payload.constData() + offset;
        const std::size_t size = (std::size_t(in[0]) << 24) | (std::size_t(in[1]) << 16)
                                 | (std::size_t(in[2]) << 8) | std::size_t(in[3]);
        offset += kLengthBytes;
        if (payload.size() - offset < size) {
            return std::nullopt;
        }
        field = SecureBytes::copyOf(payload.chars() + offset, size);
        if (field.isNull()) {
            return std::nullopt;
        }
        offset += size;
    }
    if (offset != payload.size()) {
        return std::nullopt;
    }
    return SingleCredentialSecret{std::move(fields[0]), std::move(fields[1]), std::move(fields[2]),
                                  std::move(fields[3])};
}

} // namespace CredentialPayload

} // namespace Gatehouse
