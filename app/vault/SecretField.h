#pragma once

#include <QWidget>

class QLineEdit;
class QPushButton;
class QToolButton;

namespace Gatehouse {

class SecretClipboard;

// One revealed value on a line: masked unless asked (Show/Hide), and Copy, which goes through
// the clipboard that marks it as secret and takes it away again.
class SecretField : public QWidget
{
    Q_OBJECT
public:
    SecretField(const QString &value, bool masked, SecretClipboard *clipboard,
                QWidget *parent = nullptr);
    ~SecretField() override;

    QLineEdit *edit() const { return m_edit; }
    QToolButton *showButton() const { return m_show; } // nullptr when not masked
    QPushButton *copyButton() const { return m_copy; }
    bool isMasked() const;

private:
    QLineEdit *m_edit;
    QToolButton *m_show = nullptr;
    QPushButton *m_copy;
};

} // namespace Gatehouse
