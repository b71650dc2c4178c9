// SPDX-License-Identifier: MIT
// The base of the filter proxy's tests: 300 generated devices (2024 rules) in a
// MachineTableModel under a MachineFilterModel that a QAbstractItemModelTester watches.
#pragma once

#include "filteroracle.h"
#include "modeltestdata.h"

#include <QAbstractItemModelTester>
#include <QObject>

class FilterModelTest : public QObject
{
protected:
    void createModels()
    {
        m_model = new FilterOracle::Model(this);
        m_model->setEligibilityContext({OsPolicy::Rules2024, true, false});
        m_model->appendMachines(ModelTestData::machines(0, 300));
        m_proxy = new MachineFilterModel(this);
        m_proxy->setSourceModel(m_model);
        m_tester = new QAbstractItemModelTester(
            m_proxy, QAbstractItemModelTester::FailureReportingMode::QtTest, this);
    }

    void deleteModels()
    {
        delete m_tester;
        delete m_proxy;
        delete m_model;
    }

    FilterOracle::Model *m_model = nullptr;
    MachineFilterModel *m_proxy = nullptr;
    QAbstractItemModelTester *m_tester = nullptr;
};
