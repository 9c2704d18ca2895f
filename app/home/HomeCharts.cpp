#include "HomeCharts.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QGraphicsLayout>
#include <QHBoxLayout>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>

namespace Gatehouse {

namespace {

QChartView *chartView(QChart *chart, const QString &name, QWidget *parent)
{
    chart->legend()->hide();
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setBackgroundRoundness(0);
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    auto *view = new QChartView(chart, parent);
    view->setObjectName(name);
    view->setAccessibleName(chart->title());
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(220);
    return view;
}

// A range that starts at zero and leaves a little room above the highest value.
void fitValues(QValueAxis *axis, int highest)
{
    axis->setRange(0, std::max(4, highest + highest / 10 + 1));
    axis->applyNiceNumbers();
}

} // namespace

HomeCharts::HomeCharts(QWidget *parent)
    : QWidget(parent)
{
    auto *phaseChart = new QChart;
    phaseChart->setTitle(tr("Onboardings by current phase"));
    m_phaseSet = new QBarSet(tr("Onboardings"));
    auto *bars = new QBarSeries;
    bars->append(m_phaseSet);
    bars->setLabelsVisible(true);
    phaseChart->addSeries(bars);
    m_phaseAxis = new QBarCategoryAxis;
    m_phaseValues = new QValueAxis;
    m_phaseValues->setLabelFormat(QStringLiteral("%d"));
    phaseChart->addAxis(m_phaseAxis, Qt::AlignBottom);
    phaseChart->addAxis(m_phaseValues, Qt::AlignLeft);
    bars->attachAxis(m_phaseAxis);
    bars->attachAxis(m_phaseValues);
    m_phaseView = chartView(phaseChart, QStringLiteral("phaseChart"), this);

    auto *burnDown = new QChart;
    burnDown->setTitle(tr("Open tasks, last %n day(s)", nullptr, HomeSummary::kBurnDownDays));
    m_openTasks = new QLineSeries;
    m_openTasks->setName(tr("Open tasks"));
    m_openTasks->setPointsVisible(true);
    burnDown->addSeries(m_openTasks);
    m_days = new QDateTimeAxis;
    m_days->setFormat(QStringLiteral("d MMM"));
    m_days->setTickCount(6);
    m_openValues = new QValueAxis;
    m_openValues->setLabelFormat(QStringLiteral("%d"));
    burnDown->addAxis(m_days, Qt::AlignBottom);
    burnDown->addAxis(m_openValues, Qt::AlignLeft);
    m_openTasks->attachAxis(m_days);
    m_openTasks->attachAxis(m_openValues);
    m_burnDownView = chartView(burnDown, QStringLiteral("burnDownChart"), this);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_phaseView, 1);
    layout->addWidget(m_burnDownView, 1);
}

void HomeCharts::setPhases(const QList<PhaseCount> &phases)
{
    QStringList names;
    QList<qreal> values;
    int highest = 0;
    for (const PhaseCount &phase : phases) {
        names.append(phase.phase);
        values.append(phase.onboardings);
        highest = std::max(highest, phase.onboardings);
    }
    m_phaseSet->remove(0, m_phaseSet->count());
    m_phaseSet->append(values);
    m_phaseAxis->clear();
    m_phaseAxis->append(names);
    fitValues(m_phaseValues, highest);
}

void HomeCharts::setOpenTasks(const QList<OpenTasksOnDay> &days)
{
    QList<QPointF> points;
    int highest = 0;
    for (const OpenTasksOnDay &day : days) {
        points.append(QPointF(qreal(day.day.startOfDay().toMSecsSinceEpoch()), day.open));
        highest = std::max(highest, day.open);
    }
    m_openTasks->replace(points);
    if (!days.isEmpty()) {
        m_days->setRange(days.constFirst().day.startOfDay(), days.constLast().day.startOfDay());
    }
    fitValues(m_openValues, highest);
}

} // namespace Gatehouse
