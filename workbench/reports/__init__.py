"""Documents for prosecutors, as data: the organisation chart, the fund-flow chart of a trace
and the case report. Nothing here paints; ``ui/pdf`` turns these models into PDF pages.

- :mod:`.orgchart`: :func:`~.orgchart.build_orgchart`, :func:`~.orgchart.gang_members`,
  :func:`~.orgchart.tile_pages`.
- :mod:`.flow`: :func:`~.flow.build_flow_chart` from a fund-flow trace.
- :mod:`.report`: :func:`~.report.build_case_report` (statistics, suspects, stop list).
"""
