// Form and checklist definitions: parsing with clear refusals, and the server's check of an
// entry, per field type with good and bad answers.
#include "forms/ChecklistDefinition.h"
#include "forms/FormDefinition.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Gatehouse;

namespace {

QJsonObject parse(const char *json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(json), &error);
    if (error.error != QJsonParseError::NoError) {
        qFatal("bad JSON in a test: %s", json);
    }
    return document.object();
}

// One field of each type, all required.
FormDefinition everyType()
{
    QString error;
    const std::optional<FormDefinition> definition
        = FormDefinition::fromConfig(parse(R"({"multipleEntries": false, "fields": [
            {"id": "name", "label": "Name", "type": "short_text", "required": true},
            {"id": "notes", "label": "Notes", "type": "long_text", "required": true},
            {"id": "size", "label": "Size", "type": "single_select", "required": true,
             "options": ["1-10", "11-50"]},
            {"id": "os", "label": "Systems", "type": "multi_select", "required": true,
             "options": ["Windows", "macOS", "Linux"]},
            {"id": "backup", "label": "Backups?", "type": "yes_no", "required": true},
            {"id": "start", "label": "Start", "type": "date", "required": true},
            {"id": "email", "label": "Email", "type": "email", "required": true},
            {"id": "phone", "label": "Phone", "type": "phone", "required": true},
            {"id": "seats", "label": "Seats", "type": "number", "required": true},
            {"id": "site", "label": "Website", "type": "url", "required": true}]})"),
                                     &error);
    if (!definition) {
        qFatal("everyType: %s", qPrintable(error));
    }
    return *definition;
}

QJsonObject goodEntry()
{
    return parse(R"({"name": "Example Dental", "notes": "Two sites.\nOne server.",
        "size": "11-50", "os": ["Windows", "Linux"], "backup": false, "start": "2027-02-01",
        "email": "it@example.com", "phone": "+44 (20) 7946-0000", "seats": 42,
        "site": "https://example.com/about"})");
}

} // namespace

class TestForms : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesAndWritesBack();
    void refusesBadDefinitions_data();
    void refusesBadDefinitions();
    void acceptsAGoodEntry();
    void checksEachType_data();
    void checksEachType();
    void requiredAndOptional();
    void refusesUnknownFields();
    void keepsTextAsWritten();
    void checklistItems_data();
    void checklistItems();
};

void TestForms::parsesAndWritesBack()
{
    const FormDefinition definition = everyType();
    QCOMPARE(definition.fields.size(), 10);
    QCOMPARE(definition.fields.at(2).options,
             QStringList({QStringLiteral("1-10"), QStringLiteral("11-50")}));
    QCOMPARE(definition.fields.at(4).type, FormFieldType::YesNo);
    QString error;
    const std::optional<FormDefinition> again
        = FormDefinition::fromConfig(definition.toConfig(), &error);
    QVERIFY2(again, qPrintable(error));
    QVERIFY(*again == definition);

    const std::optional<FormDefinition> empty = FormDefinition::fromConfig({}, &error);
    QVERIFY(empty);
    QVERIFY(empty->fields.isEmpty());
    QVERIFY(!empty->multipleEntries);
}

void TestForms::refusesBadDefinitions_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");
    QTest::addRow("fields not a list") << QByteArray(R"({"fields": {}})") << "must be a list";
    QTest::addRow("multipleEntries not bool")
        << QByteArray(R"({"multipleEntries": "yes", "fields": []})") << "true or false";
    QTest::addRow("duplicate ids")
        << QByteArray(R"({"fields": [{"id": "a", "label": "A", "type": "short_text"},
                                     {"id": "a", "label": "B", "type": "long_text"}]})")
        << "Two fields have the id \"a\"";
    QTest::addRow("unknown type") << QByteArray(
        R"({"fields": [{"id": "a", "label": "A", "type": "colour"}]})")
                                  << "unknown type \"colour\"";
    QTest::addRow("select without options")
        << QByteArray(R"({"fields": [{"id": "a", "label": "A", "type": "single_select"}]})")
        << "needs at least one option";
    QTest::addRow("multi select with empty options")
        << QByteArray(R"({"fields": [{"id": "a", "label": "A", "type": "multi_select",
                                      "options": []}]})")
        << "needs at least one option";
    QTest::addRow("duplicate option")
        << QByteArray(R"({"fields": [{"id": "a", "label": "A", "type": "single_select",
                                      "options": ["x", "x"]}]})")
        << "offers \"x\" twice";
    QTest::addRow("options on text")
        << QByteArray(R"({"fields": [{"id": "a", "label": "A", "type": "short_text",
                                      "options": ["x"]}]})")
        << "only choice fields have options";
    QTest::addRow("no id") << QByteArray(R"({"fields": [{"label": "A", "type": "date"}]})")
                           << "must be text";
    QTest::addRow("bad id") << QByteArray(
        R"({"fields": [{"id": "a b", "label": "A", "type": "date"}]})")
                            << "needs an id";
    QTest::addRow("empty label") << QByteArray(
        R"({"fields": [{"id": "a", "label": " ", "type": "date"}]})")
                                 << "needs a label";
    QTest::addRow("required not bool")
        << QByteArray(R"({"fields": [{"id": "a", "label": "A", "type": "date",
                                      "required": "yes"}]})")
        << "required true or false";
    QTest::addRow("field not an object")
        << QByteArray(R"({"fields": [3]})") << "Field 1 is not an object";
}

void TestForms::refusesBadDefinitions()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    QString error;
    QVERIFY(!FormDefinition::fromConfig(parse(json.constData()), &error));
    QVERIFY2(error.contains(message), qPrintable(error));
}

void TestForms::acceptsAGoodEntry()
{
    const FieldErrors errors = everyType().validate(goodEntry());
    QVERIFY2(errors.isEmpty(), qPrintable(QStringList(errors.keys()).join(QLatin1Char(','))));
}

void TestForms::checksEachType_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QByteArray>("value"); // a JSON value
    QTest::addColumn<bool>("good");

    const auto row = [](const char *name, const char *field, const char *value, bool good) {
        QTest::addRow("%s", name) << QString::fromLatin1(field) << QByteArray(value) << good;
    };
    row("short text", "name", R"("Acme")", true);
    row("short text as number", "name", "12", false);
    row("short text too long", "name",
        qPrintable(QStringLiteral("\"%1\"").arg(QString(501, QLatin1Char('x')))), false);
    row("short text at the limit", "name",
        qPrintable(QStringLiteral("\"%1\"").arg(QString(500, QLatin1Char('x')))), true);
    row("long text too long", "notes",
        qPrintable(QStringLiteral("\"%1\"").arg(QString(10001, QLatin1Char('x')))), false);
    row("long text as list", "notes", R"(["a"])", false);
    row("single select offered", "size", R"("1-10")", true);
    row("single select not offered", "size", R"("500+")", false);
    row("single select as list", "size", R"(["1-10"])", false);
    row("multi select offered", "os", R"(["macOS"])", true);
    row("multi select not offered", "os", R"(["Windows", "BeOS"])", false);
    row("multi select twice", "os", R"(["Linux", "Linux"])", false);
    row("multi select as text", "os", R"("Linux")", false);
    row("multi select with number", "os", R"([1])", false);
    row("yes", "backup", "true", true);
    row("yes as text", "backup", R"("yes")", false);
    row("yes as number", "backup", "1", false);
    row("date", "start", R"("2028-02-29")", true);
    row("date impossible", "start", R"("2027-02-30")", false);
    row("date other format", "start", R"("01/02/2027")", false);
    row("date with time", "start", R"("2027-02-01T10:00:00")", false);
    row("email", "email", R"("a.b+c@mail.example.org")", true);
    row("email without domain", "email", R"("someone@")", false);
    row("email without dot", "email", R"("someone@localhost")", false);
    row("email with space", "email", R"("some one@example.com")", false);
    row("phone", "phone", R"("0044 20 7946 0000")", true);
    row("phone with letters", "phone", R"("call me")", false);
    row("phone too short", "phone", R"("123")", false);
    row("phone as number", "phone", "442079460000", false);
    row("number", "seats", "-3.5", true);
    row("number zero", "seats", "0", true);
    row("number as text", "seats", R"("42")", false);
    row("url", "site", R"("http://example.com")", true);
    row("url javascript", "site", R"x("javascript:alert(1)")x", false);
    row("url without scheme", "site", R"("example.com")", false);
    row("url ftp", "site", R"("ftp://example.com/file")", false);
}

void TestForms::checksEachType()
{
    QFETCH(QString, field);
    QFETCH(QByteArray, value);
    QFETCH(bool, good);
    QJsonObject entry = goodEntry();
    const QJsonDocument wrapped = QJsonDocument::fromJson("[" + value + "]");
    QVERIFY2(wrapped.isArray(), value.constData());
    entry.insert(field, wrapped.array().at(0));
    const FieldErrors errors = everyType().validate(entry);
    if (good) {
        QVERIFY2(errors.isEmpty(), qPrintable(errors.value(field)));
    } else {
        QCOMPARE(errors.keys(), QStringList({field})); // only that field, with a message
        QVERIFY(!errors.value(field).isEmpty());
    }
}

void TestForms::requiredAndOptional()
{
    FormDefinition definition = everyType();
    QJsonObject entry = goodEntry();
    entry.remove(QStringLiteral("name"));
    entry.insert(QStringLiteral("notes"), QStringLiteral("   "));
    entry.insert(QStringLiteral("os"), QJsonArray());
    entry.insert(QStringLiteral("site"), QJsonValue::Null);
    FieldErrors errors = definition.validate(entry);
    QCOMPARE(errors.keys(), QStringList({QStringLiteral("name"), QStringLiteral("notes"),
                                         QStringLiteral("os"), QStringLiteral("site")}));
    QCOMPARE(errors.value(QStringLiteral("name")), QStringLiteral("This field is required."));

    for (FormField &field : definition.fields) {
        field.required = false;
    }
    QVERIFY(definition.validate(entry).isEmpty());
    QVERIFY(definition.validate({}).isEmpty());
    // Empty answers are not stored; a "no" is an answer.
    const QJsonObject stored = definition.normalised(entry);
    QVERIFY(!stored.contains(QStringLiteral("notes")));
    QVERIFY(!stored.contains(QStringLiteral("os")));
    QCOMPARE(stored.value(QStringLiteral("backup")), QJsonValue(false));
}

void TestForms::refusesUnknownFields()
{
    QJsonObject entry = goodEntry();
    entry.insert(QStringLiteral("admin"), true);
    const FieldErrors errors = everyType().validate(entry);
    QCOMPARE(errors.keys(), QStringList({QStringLiteral("admin")}));
}

void TestForms::keepsTextAsWritten()
{
    const QString payload = QStringLiteral("<script>alert('x')</script><img src=x onerror=alert(1)>"
                                           "\" onmouseover=\"alert(2)&amp;");
    QJsonObject entry = goodEntry();
    entry.insert(QStringLiteral("name"), payload);
    const QString twice = payload + QStringLiteral("\n") + payload;
    entry.insert(QStringLiteral("notes"), twice);
    const FormDefinition definition = everyType();
    QVERIFY(definition.validate(entry).isEmpty());
    const QJsonObject stored = definition.normalised(entry);
    QCOMPARE(stored.value(QStringLiteral("name")).toString(), payload);
    QCOMPARE(stored.value(QStringLiteral("notes")).toString(), twice);
}

void TestForms::checklistItems_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message"); // empty: accepted
    QTest::addRow("good") << QByteArray(R"({"items": [{"id": "a", "text": "Backups"},
                                                      {"id": "b", "text": "Firewall"}]})")
                          << QString();
    QTest::addRow("none") << QByteArray("{}") << QString();
    QTest::addRow("duplicate id") << QByteArray(R"({"items": [{"id": "a", "text": "x"},
                                                              {"id": "a", "text": "y"}]})")
                                  << QStringLiteral("Two items have the id \"a\"");
    QTest::addRow("no text") << QByteArray(R"({"items": [{"id": "a", "text": ""}]})")
                             << QStringLiteral("needs a text");
    QTest::addRow("no id") << QByteArray(R"({"items": [{"text": "x"}]})")
                           << QStringLiteral("needs an id and a text");
    QTest::addRow("not a list") << QByteArray(R"({"items": "x"})")
                                << QStringLiteral("must be a list");
}

void TestForms::checklistItems()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    QString error;
    const std::optional<ChecklistDefinition> definition
        = ChecklistDefinition::fromConfig(parse(json.constData()), &error);
    if (message.isEmpty()) {
        QVERIFY2(definition, qPrintable(error));
        QCOMPARE(ChecklistDefinition::fromConfig(definition->toConfig(), &error)->items,
                 definition->items);
        QVERIFY(!definition->item(definition->freeId()));
    } else {
        QVERIFY(!definition);
        QVERIFY2(error.contains(message), qPrintable(error));
    }
}

QTEST_GUILESS_MAIN(TestForms)
#include "tst_forms.moc"
