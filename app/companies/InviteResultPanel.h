#pragma once

#include <QFrame>

class QLabel;
class QLineEdit;
class QPushButton;

namespace Gatehouse {

// Confirms that an invitation was queued and offers its link for copying, for when the contact
// wants it right away (over the phone, say) rather than from the mail.
class InviteResultPanel : public QFrame
{
    Q_OBJECT
public:
    explicit InviteResultPanel(QWidget *parent = nullptr);

    void showInvite(const QString &contactName, const QString &email, const QString &link);

    QString message() const;
    QString link() const;
    QLineEdit *linkEdit() const { return m_link; }
    QPushButton *copyButton() const { return m_copy; }

private:
    void copyLink();

    QLabel *m_message;
    QLineEdit *m_link;
    QPushButton *m_copy;
    QPushButton *m_close;
};

} // namespace Gatehouse
