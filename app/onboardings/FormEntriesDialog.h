#pragma once

#include "core/ConsoleContext.h"

#include <QDialog>

class QLabel;
class QTreeWidget;

namespace Gatehouse {

// What the client answered in a form task: each entry with who saved it and when, and every
// answer under its question. Read-only; the answers are shown as plain text.
class FormEntriesDialog : public QDialog
{
    Q_OBJECT
public:
    FormEntriesDialog(const ConsoleContext &context, qint64 taskId, QWidget *parent = nullptr);

    QTreeWidget *tree() const { return m_tree; }
    QLabel *summary() const { return m_summary; }

private:
    void load(const ConsoleContext &context, qint64 taskId);

    QLabel *m_summary;
    QTreeWidget *m_tree;
};

} // namespace Gatehouse
