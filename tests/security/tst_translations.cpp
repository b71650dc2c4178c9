// SPDX-License-Identifier: MIT
// The German catalogue: the app's own start-up code loads it from the GUI library's resources
// (:/i18n) for a German locale, known strings come out in German (plural forms included), and
// the .ts file in the repository is complete and consistent with the built .qm.
#include "launcher.h"

#include <QApplication>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

namespace {
struct Entry
{
    QString context;
    QString source;
    QString comment;
    QStringList translations; // one, or the plural forms
    bool numerus = false;
    bool unfinished = false;
};

QList<Entry> readTs(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<Entry> entries;
    QXmlStreamReader xml(&file);
    QString context;
    Entry entry;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == u"name"_s) {
            context = xml.readElementText();
        } else if (name == u"message"_s) {
            entry = Entry {context, {}, {}, {}, xml.attributes().value(u"numerus"_s) == u"yes"_s};
        } else if (name == u"source"_s) {
            entry.source = xml.readElementText();
        } else if (name == u"comment"_s) {
            entry.comment = xml.readElementText();
        } else if (name == u"translation"_s) {
            const QString type = xml.attributes().value(u"type"_s).toString();
            if (type == u"vanished"_s || type == u"obsolete"_s)
                continue;
            entry.unfinished = type == u"unfinished"_s;
            if (entry.numerus) {
                while (xml.readNextStartElement())
                    entry.translations.append(xml.readElementText());
            } else {
                entry.translations.append(xml.readElementText());
            }
            entries.append(entry);
        }
    }
    if (xml.hasError())
        *error = xml.errorString();
    return entries;
}

// %1…%99 and %n, as a sorted list (order may change in German, the set may not).
QStringList placeholders(const QString &text)
{
    QStringList out;
    auto it = QRegularExpression(u"%(?:n|L?\\d{1,2})"_s).globalMatch(text);
    while (it.hasNext())
        out.append(it.next().captured(0));
    out.sort();
    out.removeDuplicates();
    return out;
}

bool hasAccelerator(const QString &text)
{
    return QRegularExpression(u"(^|[^&])&[^&\\s]"_s).match(text).hasMatch();
}

QStringList tags(const QString &text)
{
    QStringList out;
    auto it = QRegularExpression(u"</?[a-z][a-z0-9]*>"_s).globalMatch(text);
    while (it.hasNext())
        out.append(it.next().captured(0));
    out.sort();
    return out;
}
} // namespace

class TestTranslations final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void knownStrings_data();
    void knownStrings();
    void catalogueComplete();

private:
    QList<Entry> m_entries;
};

void TestTranslations::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    QTranslator probe;
    QVERIFY2(probe.load(QLocale(), u"mde-offboard"_s, u"_"_s, u":/i18n"_s),
        "no :/i18n/mde-offboard_de.qm in the GUI library's resources");
    Startup::installTranslations(*qApp); // what the app does at start
    QString error;
    m_entries = readTs(QStringLiteral(MDE_TS_FILE), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(m_entries.size() > 400);
}

void TestTranslations::knownStrings_data()
{
    QTest::addColumn<QString>("context");
    QTest::addColumn<QString>("source");
    QTest::addColumn<int>("n");
    QTest::addColumn<QString>("expected");
    QTest::newRow("menu") << u"MainWindow"_s << u"&Quit"_s << -1 << u"&Beenden"_s;
    QTest::newRow("validation") << u"Validation"_s << u"Enter a comment."_s << -1
                                << u"Geben Sie einen Kommentar ein."_s;
    QTest::newRow("argument") << u"ApiError"_s << u"The service answered %1."_s << -1
                              << u"Der Dienst antwortete mit %1."_s;
    QTest::newRow("eligibility") << u"Eligibility"_s << u"Not eligible"_s << -1
                                 << u"Nicht geeignet"_s;
    QTest::newRow("singular") << u"MachineTableModel"_s << u"%n day(s) ago"_s << 1
                              << u"vor 1 Tag"_s;
    QTest::newRow("plural") << u"MachineTableModel"_s << u"%n day(s) ago"_s << 3
                            << u"vor 3 Tagen"_s;
}

void TestTranslations::knownStrings()
{
    QFETCH(QString, context);
    QFETCH(QString, source);
    QFETCH(int, n);
    QFETCH(QString, expected);
    QCOMPARE(QCoreApplication::translate(
                 context.toUtf8().constData(), source.toUtf8().constData(), nullptr, n),
        expected);
}

// Every entry is translated, keeps its placeholders, accelerator and HTML tags, has both German
// plural forms, and is what the built catalogue delivers.
void TestTranslations::catalogueComplete()
{
    QStringList problems;
    for (const Entry &e : std::as_const(m_entries)) {
        const QString where = e.context + u": "_s + e.source.left(60);
        if (e.unfinished)
            problems.append(u"unfinished: "_s + where);
        if (e.numerus && e.translations.size() != 2)
            problems.append(u"needs 2 plural forms: "_s + where);
        for (const QString &t : e.translations) {
            if (t.isEmpty())
                problems.append(u"empty: "_s + where);
            if (placeholders(t) != placeholders(e.source))
                problems.append(u"placeholders differ: "_s + where);
            if (hasAccelerator(t) != hasAccelerator(e.source))
                problems.append(u"accelerator differs: "_s + where);
            if (tags(t) != tags(e.source))
                problems.append(u"HTML differs: "_s + where);
        }
        if (e.numerus || e.unfinished)
            continue;
        const QString built = QCoreApplication::translate(e.context.toUtf8().constData(),
            e.source.toUtf8().constData(),
            e.comment.isEmpty() ? nullptr : e.comment.toUtf8().constData());
        if (built != e.translations.value(0))
            problems.append(u"the built .qm differs: "_s + where);
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
