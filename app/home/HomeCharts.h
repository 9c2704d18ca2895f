#pragma once

#include "services/HomeSummary.h"

#include <QWidget>

class QBarCategoryAxis;
class QBarSet;
class QChartView;
class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace Gatehouse {

// Home's two charts: unfinished onboardings by their current phase (bars) and the open tasks
// at the end of each recent day (a burn-down line).
class HomeCharts : public QWidget
{
    Q_OBJECT
public:
    explicit HomeCharts(QWidget *parent = nullptr);

    void setPhases(const QList<PhaseCount> &phases);
    void setOpenTasks(const QList<OpenTasksOnDay> &days);

    QBarSet *phaseSet() const { return m_phaseSet; }
    QBarCategoryAxis *phaseAxis() const { return m_phaseAxis; }
    QLineSeries *openTasksSeries() const { return m_openTasks; }
    QChartView *phaseView() const { return m_phaseView; }
    QChartView *burnDownView() const { return m_burnDownView; }

private:
    QChartView *m_phaseView;
    QChartView *m_burnDownView;
    QBarSet *m_phaseSet;
    QBarCategoryAxis *m_phaseAxis;
    QValueAxis *m_phaseValues;
    QLineSeries *m_openTasks;
    QDateTimeAxis *m_days;
    QValueAxis *m_openValues;
};

} // namespace Gatehouse
