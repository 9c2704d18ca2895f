#pragma once

#include <QString>

class QWidget;

namespace Gatehouse {

// Every file dialog of the console goes through here, so tests can answer one in advance
// instead of blocking on a modal dialog (as MessageBox does for message boxes).
class FileDialog
{
public:
    // The file to save to, or an empty string when the user cancelled.
    static QString saveFileName(QWidget *parent, const QString &caption,
                                const QString &suggestedPath, const QString &filter);

    // For tests: the next dialog is not shown and returns this path (empty: cancelled).
    static void setNextSaveFileName(const QString &path);

    // An existing file to open, or an empty string when the user cancelled.
    static QString openFileName(QWidget *parent, const QString &caption, const QString &folder,
                                const QString &filter);
    static void setNextOpenFileName(const QString &path);
};

} // namespace Gatehouse
