#include "FileDialog.h"

#include <QFileDialog>

#include <optional>

namespace Gatehouse {

namespace {

std::optional<QString> s_nextSaveFileName;
std::optional<QString> s_nextOpenFileName;

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

QString FileDialog::openFileName(QWidget *parent, const QString &caption, const QString &folder,
                                 const QString &filter)
{
    if (s_nextOpenFileName) {
        const QString answer = *s_nextOpenFileName;
        s_nextOpenFileName.reset();
        return answer;
    }
    return QFileDialog::getOpenFileName(parent, caption, folder, filter);
}

void FileDialog::setNextOpenFileName(const QString &path)
{
    s_nextOpenFileName = path;
}

} // namespace Gatehouse
