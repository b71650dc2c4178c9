// SPDX-License-Identifier: MIT
// The main window against an in-process simulator, signed in with a fixed app token, with a
// prompter that records instead of opening anything. For the end-to-end GUI tests.
#pragma once

#include "accesstokenprovider.h"
#include "backend.h"
#include "devicecontroller.h"
#include "machinetablemodel.h"
#include "mainwindow.h"
#include "prompter.h"
#include "simulator.h"
#include "testsupport.h"
#include "windowsession.h"

#include <QJsonObject>
#include <QNetworkProxy>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>

class RecordingPrompter final : public Prompter
{
public:
    void about(QWidget *, const QString &title, const QString &) override { abouts << title; }
    QString saveFileName(QWidget *, const QString &, const QString &, const QString &) override
    {
        return saveAnswer;
    }
    QString openFileName(QWidget *, const QString &, const QString &) override { return {}; }
    void openUrl(const QUrl &url) override { urls << url; }

    QStringList abouts;
    QList<QUrl> urls;
    QString saveAnswer;
};

struct GuiFixture
{
    std::unique_ptr<QTemporaryDir> dir;
    std::unique_ptr<Simulator> sim;
    std::unique_ptr<StaticTokenProvider> tokens;
    std::unique_ptr<RecordingPrompter> prompter;
    std::unique_ptr<Backend> backend;
    std::unique_ptr<MainWindow> window;
    std::unique_ptr<WindowSession> session; // the window's signed-in side, over the backend

    // Runs before the backend opens the audit log (the path given): a test leaves records
    // there as an earlier, killed run would have.
    std::function<void(const QString &auditPath)> beforeStart;

    // Devices stay Pending until the test moves the simulator's clock.
    bool setUp(int devices = 50)
    {
        using namespace Qt::StringLiterals;
        dir = std::make_unique<QTemporaryDir>();
        SimulatorOptions options;
        options.devices = devices;
        options.pendingMs = 60000;
        options.inProgressMs = 60000;
        options.timeoutMs = 600000;
        sim = startLoopbackSimulator(options);
        if (!sim)
            return false;
        QString error;
        tokens = std::make_unique<StaticTokenProvider>(
            sim->issueAppToken({u"Machine.Read.All"_s, u"Machine.Offboard"_s}));
        prompter = std::make_unique<RecordingPrompter>();
        if (beforeStart)
            beforeStart(dir->filePath(u"audit.sqlite"_s));
        Backend::Options backendOptions;
        backendOptions.reconcileMinAgeMs = 0;
        backendOptions.fixedTokens = tokens.get();
        backendOptions.fixedAccount = options.appClientId;
        backendOptions.fixedPermissions = {u"Machine.Read.All"_s, u"Machine.Offboard"_s};
        backendOptions.auditPath = dir->filePath(u"audit.sqlite"_s);
        backendOptions.pollDelayMs = 50;
        backendOptions.pollMaxDelayMs = 400;
        backend = std::make_unique<Backend>(backendOptions);
        backend->network()->setProxy(QNetworkProxy::NoProxy);
        AppSettings settings;
        settings.apiUrl = sim->baseUrl().toString();
        settings.loginUrl = sim->baseUrl().toString();
        settings.tenant = options.tenant;
        settings.clientId = options.appClientId;
        settings.signInMode = SignInMode::AppOnly;
        if (!backend->applySettings(settings, &error)) {
            qWarning("settings: %s", qPrintable(error));
            return false;
        }
        window = std::make_unique<MainWindow>(settings, prompter.get());
        session = std::make_unique<WindowSession>(window.get(), backend.get(), prompter.get());
        window->resize(1200, 800);
        window->show();
        backend->start();
        return true;
    }

    void reset()
    {
        session.reset(); // before the window whose models it fills
        window.reset();
        backend.reset();
        prompter.reset();
        tokens.reset();
        sim.reset();
        dir.reset();
    }

    MachineTableModel *model() const { return window->machines(); }

    // Rows of the device model whose device is offboard-eligible and checks in.
    QList<int> eligibleRows(int count) const
    {
        using namespace Qt::StringLiterals;
        QHash<QString, int> simIndex;
        for (int i = 0; i < sim->deviceCount(); ++i)
            simIndex.insert(sim->machineJson(i).value(u"id"_s).toString(), i);
        QList<int> rows;
        for (int row = 0; row < model()->rowCount() && rows.size() < count; ++row) {
            const int index = simIndex.value(model()->machineId(row), -1);
            if (model()->eligibilityVerdict(row) == Eligibility::Eligible && index >= 0
                && !sim->neverChecksIn(index))
                rows.append(row);
        }
        return rows;
    }

    int refusedRow() const
    {
        for (int row = 0; row < model()->rowCount(); ++row) {
            if (model()->eligibilityVerdict(row) == Eligibility::Refused)
                return row;
        }
        return -1;
    }
};
