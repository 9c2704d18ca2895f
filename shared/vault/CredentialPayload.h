#pragma once

#include "SecureBytes.h"

#include <QString>

#include <optional>

namespace Gatehouse {

// A single login as the contact typed it. Plain QStrings only on the way in (they come from a
// request body); CredentialPayload moves them into guarded memory before sealing.
struct SingleCredential
{
    QString username;
    QString password;
    QString apiKey;
    QString notes;

    bool isEmpty() const
    {
        return username.trimmed().isEmpty() && password.isEmpty() && apiKey.trimmed().isEmpty()
               && notes.trimmed().isEmpty();
    }
    // Overwrites the strings' memory before dropping them.
    void wipe();
};

// The fields of a revealed single credential, each in guarded memory.
struct SingleCredentialSecret
{
    SecureBytes username;
    SecureBytes password;
    SecureBytes apiKey;
    SecureBytes notes;
};

// What is sealed for a single credential: "GHC1" then the four fields in order, each as a
// 4-byte big-endian length and its UTF-8. Bulk text and files are sealed as they are.
namespace CredentialPayload {

SecureBytes encode(const SingleCredential &credential);
std::optional<SingleCredentialSecret> decode(const SecureBytes &payload);

} // namespace CredentialPayload

} // namespace Gatehouse
