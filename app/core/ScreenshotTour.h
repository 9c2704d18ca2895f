#pragma once

#include <QObject>
#include <QSize>
#include <QStringList>

namespace Gatehouse {

class MainWindow;

// The console's screenshot mode (--demo --screenshots DIR): shows the main areas one after
// the other at a fixed window size and writes the window, as the program draws it, to
// DIR/<shot>.png. scripts/screenshots.sh uses it for the README's pictures.
class ScreenshotTour : public QObject
{
    Q_OBJECT
public:
    static constexpr QSize kWindowSize{1280, 800};

    // Every shot the tour knows, in the order it takes them.
    static QStringList shotNames();

    ScreenshotTour(MainWindow &window, const QString &directory, const QStringList &shots,
                   QObject *parent = nullptr);

    // Takes the shots from the event loop; finished() follows.
    void start();

Q_SIGNALS:
    void finished(bool ok, const QString &error);

private:
    void prepare(const QString &shot);
    void capture();

    MainWindow &m_window;
    QString m_directory;
    QStringList m_shots;
    int m_next = 0;
};

} // namespace Gatehouse
