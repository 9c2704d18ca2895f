#pragma once

#include "SignatureEvidence.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace Gatehouse {

// The signature certificate as a PDF (Qt's PDF writer): what was signed (the document's name
// and SHA-256), the signature itself, who signed, when, from where, and the evidence hash.
// Drawing text needs Qt's font database, so the program must run a QGuiApplication (the portal
// server does, on the offscreen platform); nullopt and a reason otherwise.
class SignedPdf
{
public:
    static std::optional<QByteArray> render(const SignatureEvidence &evidence,
                                            const QString &workspaceName, QString *error);
};

} // namespace Gatehouse
