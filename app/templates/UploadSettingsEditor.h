#pragma once

#include <QJsonObject>
#include <QMap>
#include <QWidget>

class QCheckBox;
class QSpinBox;

namespace Gatehouse {

// An upload task's settings, edited in place: which kinds of files it accepts and how large
// each may be. Every change emits changed() with the config to store.
class UploadSettingsEditor : public QWidget
{
    Q_OBJECT
public:
    explicit UploadSettingsEditor(QWidget *parent = nullptr);

    // Shows a stored config (anything unreadable shows the defaults).
    void setConfig(const QJsonObject &config);
    QJsonObject config() const;

    QCheckBox *categoryBox(const QString &category) const { return m_categories.value(category); }
    QSpinBox *sizeBox() const { return m_size; }

Q_SIGNALS:
    void changed(const QJsonObject &config);

private:
    QMap<QString, QCheckBox *> m_categories;
    QSpinBox *m_size;
    bool m_loading = false;
};

} // namespace Gatehouse
