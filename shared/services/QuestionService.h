#pragma once

#include "core/ServiceError.h"
#include "domain/Actor.h"

#include <QList>
#include <QString>

#include <optional>

namespace Gatehouse {

class Clock;
class Database;

struct Question
{
    qint64 id = 0;
    qint64 companyId = 0;
    QString company;
    qint64 onboardingId = 0; // 0: a general question
    QString onboarding;
    QString askedBy;
    QString askedByEmail;
    QString body;
    qint64 createdAtMs = 0;
    QString answer;
    QString answeredBy;
    qint64 answeredAtMs = 0; // 0 while open
};

// Questions contacts ask staff (ONB-8): each is mailed to staff, lands in the activity feed
// and the console's inbox; an answer is mailed back to the contact.
class QuestionService
{
public:
    // publicUrl: the portal's address, for the links in the mails.
    QuestionService(const Database &db, const Clock &clock, const QString &publicUrl = {});

    static constexpr int kMaxLength = 4000;

    std::optional<Question> askAsContact(qint64 contactId, qint64 companyId, qint64 onboardingId,
                                         const QString &body, const QString &ip,
                                         ServiceError *error);
    [[nodiscard]] bool answerAsStaff(qint64 questionId, const QString &answer, const Actor &actor,
                                     ServiceError *error);
    // A company's questions, newest first (the portal).
    QList<Question> forCompany(qint64 companyId, QString *error) const;
    // The workspace's questions, open ones first, then newest first (the console's inbox).
    QList<Question> inbox(qint64 workspaceId, QString *error) const;

private:
    std::optional<Question> get(qint64 questionId, QString *error) const;

    const Database &m_db;
    const Clock &m_clock;
    QString m_publicUrl;
};

} // namespace Gatehouse
