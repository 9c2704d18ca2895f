#include "CredentialSubmission.h"

namespace Gatehouse {

QString toKey(CredentialKind kind)
{
    switch (kind) {
    case CredentialKind::Single:
        return QStringLiteral("single");
    case CredentialKind::BulkText:
        return QStringLiteral("bulk_text");
    case CredentialKind::BulkFile:
        return QStringLiteral("bulk_file");
    }
    return QString();
}

std::optional<CredentialKind> credentialKindFromString(const QString &text)
{
    for (const CredentialKind kind :
         {CredentialKind::Single, CredentialKind::BulkText, CredentialKind::BulkFile}) {
        if (toKey(kind) == text) {
            return kind;
        }
    }
    return std::nullopt;
}

} // namespace Gatehouse
