/* The report page's script: gets a token, asks the report API, draws each chart with Chart.js and
 * the same numbers in a table beside it. Plain ES2019, no build step. */
(function () {
  'use strict';
  var statusEl = document.getElementById('status');
  var figuresEl = document.getElementById('figures');
  var scopeEl = document.getElementById('scope');
  var personaEl = document.getElementById('persona');
  var charts = [];

  function say(text, failed) {
    statusEl.textContent = text;
    statusEl.setAttribute('data-state', failed ? 'failed' : 'ok');
  }

  function token() {
    if (personaEl) {
      return fetch('/api/webchat/token', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ persona: personaEl.value }) })
        .then(function (res) {
          return res.json();
        })
        .then(function (body) {
          return body.token;
        });
    }
    var teams = window.microsoftTeams;
    // In the Teams tab: Teams single sign-on (the API checks the token against Entra ID).
    if (teams && teams.app && teams.authentication) {
      return teams.app.initialize().then(function () {
        return teams.authentication.getAuthToken();
      });
    }
    return Promise.reject(new Error('Open this report in Microsoft Teams.'));
  }

  /** The filters as a query string: only the ones that are set. */
  function query() {
    var parts = [];
    [
      ['caseworker', scopeEl],
      ['from', document.getElementById('from')],
      ['to', document.getElementById('to')],
      ['school', document.getElementById('school')],
      ['phase', document.getElementById('phase')],
    ].forEach(function (f) {
      if (f[1] && f[1].value) parts.push(f[0] + '=' + encodeURIComponent(f[1].value));
    });
    return parts.length ? '?' + parts.join('&') : '';
  }

  function api(path, withFilters) {
    return token().then(function (t) {
      return fetch(path + (withFilters === false ? '' : query()), { headers: { Authorization: 'Bearer ' + t } });
    });
  }

  /** Fills a select with options after its first (the "all" choice), keeping the choice if it is still there. */
  function fill(select, items) {
    var kept = select.value;
    while (select.options.length > (select === scopeEl ? 2 : 1)) select.remove(select.options.length - 1);
    items.forEach(function (item) {
      select.appendChild(el('option', { value: item.value }, item.label));
    });
    select.value = kept;
    if (select.value !== kept) select.value = '';
  }

  /** What this person may filter by: their caseworkers, the schools on those plans, the phases. */
  function loadOptions() {
    return api('/api/reports/compliance/options', false)
      .then(function (res) {
        return res.ok ? res.json() : null;
      })
      .then(function (o) {
        if (!o) return;
        fill(
          scopeEl,
          o.caseworkers.map(function (c) {
            return { value: c.id, label: c.name + ' (' + c.id + ')' };
          }),
        );
        fill(
          document.getElementById('school'),
          o.schools.map(function (s) {
            return { value: s, label: s };
          }),
        );
        fill(
          document.getElementById('phase'),
          o.phases.map(function (p) {
            return { value: p.id, label: p.name };
          }),
        );
      })
      .catch(function () {
        /* the figures still load; the filters keep their "all" choices */
      });
  }

  function pct(part, whole) {
    return whole ? Math.round((part / whole) * 100) + '%' : 'none';
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      node.setAttribute(k, attrs[k]);
    });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  var plansEl = document.getElementById('plans');

  /** A button showing a figure that lists the plans behind it. */
  function plansButton(measure, what, value) {
    var b = el('button', { type: 'button', class: 'govuk-link report-plans-link', 'data-plans': measure, 'aria-label': value + ': show the plans (' + what + ')' }, String(value));
    b.addEventListener('click', function () {
      showPlans(measure, what);
    });
    return b;
  }

  /** Lists the plans behind a figure below the figures, and moves focus to the list. */
  function showPlans(measure, what) {
    plansEl.innerHTML = '';
    var heading = el('h2', { class: 'govuk-heading-m', tabindex: '-1' }, 'Plans behind: ' + what);
    plansEl.appendChild(heading);
    var q = query();
    api('/api/reports/compliance/plans' + (q ? q + '&' : '?') + 'measure=' + encodeURIComponent(measure), false)
      .then(function (res) {
        if (!res.ok) throw new Error('Sorry, the plans could not be listed. You can only see the plans you are allowed to.');
        return res.json();
      })
      .then(function (list) {
        if (list.plans.length === 0) {
          plansEl.appendChild(el('p', { class: 'govuk-body' }, 'No plans.'));
        } else {
          var table = el('table', { class: 'govuk-table' });
          table.appendChild(el('caption', { class: 'govuk-table__caption govuk-table__caption--s' }, list.plans.length + ' plans'));
          var head = el('tr', { class: 'govuk-table__row' });
          ['Plan', 'Date', 'Days late'].forEach(function (h) {
            head.appendChild(el('th', { scope: 'col', class: 'govuk-table__header' }, h));
          });
          var thead = el('thead', { class: 'govuk-table__head' });
          thead.appendChild(head);
          table.appendChild(thead);
          var body = el('tbody', { class: 'govuk-table__body' });
          list.plans.forEach(function (p) {
            var tr = el('tr', { class: 'govuk-table__row' });
            [p.planRef, p.date, p.daysLate === undefined ? '' : String(p.daysLate)].forEach(function (v) {
              tr.appendChild(el('td', { class: 'govuk-table__cell' }, v));
            });
            body.appendChild(tr);
          });
          table.appendChild(body);
          plansEl.appendChild(table);
        }
        heading.focus();
      })
      .catch(function (err) {
        plansEl.appendChild(el('p', { class: 'govuk-body' }, err.message));
        heading.focus();
      });
  }

  /** One measure: a heading, a chart of on time against late, and a table of the same numbers. */
  function section(id, heading, source, rows) {
    var box = el('section', { 'aria-labelledby': id + '-heading', 'data-measure': id });
    box.appendChild(el('h2', { id: id + '-heading', class: 'govuk-heading-m' }, heading));
    box.appendChild(el('p', { class: 'govuk-body-s' }, 'The law: ' + source));
    var canvasBox = el('div', { class: 'report-chart' });
    var canvas = el('canvas', {
      role: 'img',
      'aria-label':
        heading +
        ': ' +
        rows
          .map(function (r) {
            return r.label + ', ' + r.onTime + ' of ' + r.total + ' on time';
          })
          .join('; '),
    });
    canvasBox.appendChild(canvas);
    box.appendChild(canvasBox);
    var table = el('table', { class: 'govuk-table' });
    table.appendChild(el('caption', { class: 'govuk-table__caption govuk-table__caption--s' }, heading + ' (the numbers in the chart)'));
    var head = el('tr', { class: 'govuk-table__row' });
    ['', 'In all', 'On time', 'Late or not yet', 'Per cent on time'].forEach(function (h, i) {
      head.appendChild(el('th', { scope: 'col', class: 'govuk-table__header' + (i ? ' govuk-table__header--numeric' : '') }, h));
    });
    var thead = el('thead', { class: 'govuk-table__head' });
    thead.appendChild(head);
    table.appendChild(thead);
    var body = el('tbody', { class: 'govuk-table__body' });
    rows.forEach(function (r) {
      var tr = el('tr', { class: 'govuk-table__row' });
      tr.appendChild(el('th', { scope: 'row', class: 'govuk-table__header' }, r.label));
      [r.total, r.onTime, r.total - r.onTime, pct(r.onTime, r.total)].forEach(function (v, i) {
        var td = el('td', { class: 'govuk-table__cell govuk-table__cell--numeric' }, i === 2 && r.measure ? undefined : String(v));
        // The late figure opens the list of plans behind it.
        if (i === 2 && r.measure) td.appendChild(plansButton(r.measure, heading + ': ' + r.label, v));
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    table.appendChild(body);
    box.appendChild(table);
    figuresEl.appendChild(box);
    charts.push(
      new window.Chart(canvas, {
        type: 'bar',
        data: {
          labels: rows.map(function (r) {
            return r.label;
          }),
          datasets: [
            {
              label: 'On time',
              data: rows.map(function (r) {
                return r.onTime;
              }),
              backgroundColor: '#00703c',
            },
            {
              label: 'Late or not yet',
              data: rows.map(function (r) {
                return r.total - r.onTime;
              }),
              backgroundColor: '#d4351c',
            },
          ],
        },
        options: { animation: false, responsive: true, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
      }),
    );
  }

  function draw(r) {
    charts.forEach(function (c) {
      c.destroy();
    });
    charts = [];
    figuresEl.innerHTML = '';
    var y = r.year,
      m = r.lastMonth,
      n = r.newPlans;
    var period = r.filters.from + ' to ' + r.filters.to;
    section('reviews', 'Annual review meetings held within 12 months', 'Children and Families Act 2014, section 44(1)', [
      { label: period, total: y.held, onTime: y.heldOnTime, measure: 'held_late' },
      { label: 'Last month', total: m.held, onTime: m.heldOnTime },
    ]);
    var d = r.reviewsDue;
    section(
      'reviews-due',
      'Annual reviews that fell due: meeting held by the due date',
      'Children and Families Act 2014, section 44(1); ' + d.year.notHeld + ' due in the period with no meeting held yet',
      [
        { label: 'Due ' + period, total: d.year.due, onTime: d.year.heldOnTime, measure: 'due_late' },
        { label: 'Due last month', total: d.lastMonth.due, onTime: d.lastMonth.heldOnTime },
      ],
    );
    section(
      'by-month',
      'Annual review meetings by month',
      'Children and Families Act 2014, section 44(1)',
      r.months.map(function (x) {
        return { label: x.from.slice(0, 7), total: x.held, onTime: x.heldOnTime };
      }),
    );
    section('after-meeting', 'After the meeting: report, decision and amended plan', 'SEND Regulations 2014, regulations 20(7), 20(10) and 22', [
      { label: 'Review report within 2 weeks', total: y.held, onTime: y.reportsOnTime, measure: 'reports_late' },
      { label: 'Decision within 4 weeks', total: y.held, onTime: y.decisionsOnTime, measure: 'decisions_late' },
      { label: 'Amended plan within 12 weeks', total: y.amendDecisions, onTime: y.amendedOnTime, measure: 'amended_late' },
    ]);
    section('new-plans', 'New EHC plans within the time limits', 'SEND Regulations 2014, regulations 5(1), 10(1) and 13(2); 13(3) exceptions apart', [
      { label: 'Decisions whether to assess (6 weeks)', total: n.decisionsToAssess, onTime: n.decisionsToAssessOnTime },
      { label: 'Decisions not to issue a plan (16 weeks)', total: n.noticesNotToIssue, onTime: n.noticesNotToIssueOnTime },
      { label: 'Final plans (20 weeks)', total: n.finalPlans, onTime: n.finalPlansOnTime },
      { label: 'Final plans with a 13(3) exception', total: n.finalPlansWithException, onTime: n.finalPlansWithExceptionOnTime },
    ]);
    section(
      'complaints',
      'Complaints answered within the council’s targets',
      'The council’s complaints procedure; ' + r.complaints.ombudsmanReferrals + ' taken to the Ombudsman in the period',
      r.complaints.stages.map(function (c) {
        return { label: 'Stage ' + c.stage, total: c.received, onTime: c.respondedOnTime };
      }),
    );
    if (r.phaseTransfers.transfers.length)
      section(
        'phase-transfers',
        'Phase transfers reviewed and amended by the deadline',
        'SEND Regulations 2014, regulation 18',
        r.phaseTransfers.transfers.map(function (t) {
          return { label: 'By ' + t.deadline, total: t.plans, onTime: t.done };
        }),
      );
    say(
      'Figures for ' +
        (r.caseloadOnly ? 'one caseload' : 'every plan') +
        ', ' +
        y.from +
        ' to ' +
        y.to +
        '. ' +
        y.held +
        ' annual review meetings held, ' +
        pct(y.heldOnTime, y.held) +
        ' on time.',
    );
  }

  var latest = 0;

  function load() {
    // Only the answer to the latest request is drawn (a slow earlier one is dropped).
    var mine = ++latest;
    var current = function (f) {
      return function (value) {
        if (mine === latest) return f(value);
      };
    };
    say('Loading the figures…');
    api('/api/reports/compliance')
      .then(function (res) {
        if (res.status === 401) throw new Error('Only council SEND staff can see this report. Sign in through Microsoft Teams.');
        if (res.status === 403) throw new Error('You cannot see those figures. Caseworkers see their own caseload; team managers see every plan.');
        if (!res.ok) throw new Error('Sorry, the figures could not be loaded. Please try again.');
        return res.json();
      })
      .then(current(draw))
      .catch(
        current(function (err) {
          charts.forEach(function (c) {
            c.destroy();
          });
          charts = [];
          figuresEl.innerHTML = '';
          say(err.message, true);
        }),
      );
  }

  document.getElementById('filters').addEventListener('submit', function (e) {
    e.preventDefault();
    load();
  });
  if (personaEl)
    personaEl.addEventListener('change', function () {
      loadOptions().then(load);
    });
  /** Downloads the figures with the filters chosen, as CSV or a spreadsheet. */
  function download(ext) {
    api('/api/reports/compliance.' + ext)
      .then(function (res) {
        if (!res.ok) throw new Error('Sorry, the file could not be made. Check whose plans you chose.');
        return res.blob();
      })
      .then(function (blob) {
        var a = el('a', { href: URL.createObjectURL(blob), download: 'compliance-report.' + ext });
        document.body.appendChild(a);
        a.click();
        a.remove();
      })
      .catch(function (err) {
        say(err.message, true);
      });
  }
  document.getElementById('download').addEventListener('click', function () {
    download('csv');
  });
  document.getElementById('download-xlsx').addEventListener('click', function () {
    download('xlsx');
  });
  loadOptions().then(load);
})();
