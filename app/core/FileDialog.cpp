#include "FileDialog.h"

#include <QFileDialog>

#include <optional>

namespace Gatehouse {

namespace {

std::optional<QString> s_nextSaveFileName;

} // namespace

QString FileDialog::saveFileName(QWidget *parent, const QString &caption,
                                 const QString &suggestedPath, const QString &filter)
{
    if (s_nextSaveFileName) {
        const QString answer = *s_nextSaveFileName;
        s_nextSaveFileName.reset();
        return answer;
    }
    return QFileDialog::getSaveFileName(parent, caption, suggestedPath, filter);
}

void FileDialog::setNextSaveFileName(const QString &path)
{
    s_nextSaveFileName = path;
}

} // namespace Gatehouse
