// SPDX-License-Identifier: MIT
#pragma once

// Internal to MachineFilterModel: the row map and the search and sort work over a MachineStore,
// free of any model signalling (machinefiltermodel.cpp announces the changes).

#include "machinestore_p.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <vector>

struct SearchTerm
{
    QByteArray bytes; // folded UTF-8
    std::vector<qint8> group; // group pool index -> matches (-1 not computed yet)
    std::vector<qint8> tagSet; // tag set index -> matches
};

struct MachineFilterState
{
    const MachineStore *store = nullptr;

    std::vector<int> order; // every source row, in sort order
    std::vector<int> visible; // proxy row -> source row
    std::vector<int> proxyOf; // source row -> proxy row, -1 when hidden
    std::vector<quint8> textMatch; // source row -> passes the search terms
    std::vector<quint8> quickMatch; // source row -> passes the quick filters
    std::vector<quint64> keys; // source row -> sort key (integer-keyed columns)

    QString searchText;
    std::vector<SearchTerm> terms;
    QStringList platforms;
    QStringList health;
    QStringList risk;
    std::vector<qint8> platformOk; // string pool index -> allowed (-1 not computed yet)
    std::vector<qint8> healthOk;
    std::vector<qint8> riskOk;
    bool eligibleOnly = false;

    int sortColumn = -1;
    Qt::SortOrder sortOrder = Qt::AscendingOrder;

    int size() const { return store ? store->size() : 0; }
    bool accepted(int row) const { return textMatch[size_t(row)] && quickMatch[size_t(row)]; }
    void reset(); // forget every per-row result and cache (new or reset source)

    // Quick filters
    bool quickFiltering() const;
    void computeQuick(int first, int last);

    // Search: sets the terms from searchText and updates textMatch, re-testing only the rows
    // whose result can change.
    void search();
    void testRows(int first, int last); // re-tests the current terms on a range

    // Sorting
    void sortAll(); // order = every row sorted by the current column (or load order)
    void computeKeys();
    bool less(int a, int b) const; // strict weak order; ties in load order
    void insertSorted(std::vector<int> rows); // merges rows (not in order yet) into order

    std::vector<int> computeVisible() const;

private:
    bool termMatches(SearchTerm &term, int row);
    bool textMatches(int row);
    void searchAll(); // every row, one arena scan per term
    void markGroupsAndTags(SearchTerm &term, std::vector<quint8> &hits);
    void sortByName();
};
