"""Call detail records (话单) as carriers and police platforms hand them over.

Every number below is made up. The research behind each layout is in
``docs/layouts/calls.md``; each layout's ``sources`` names where its shape was seen.

Conventions of the expected values (``Layout.calls``): every call or SMS once, seen from the
subscriber whose record row it is; ``when`` as 'YYYY-MM-DD HH:MM:SS'; mobiles as 11 digits
(``+86``/``86`` and spaces stripped), landlines as digits without '-'; an unknown far end
(隐藏号码) as the carrier wrote it (a phone entity flagged as no number); an empty or negative duration as 0 (the importer keeps the row and flags it);
an SMS has duration 0.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path

import xlsxwriter

from . import Call, Layout

# --------------------------------------------------------------------------- helpers


def _csv_bytes(
    title: Sequence[Sequence[str]],
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    footer: Sequence[Sequence[str]] = (),
) -> str:
    """CSV text with CRLF line ends: title lines, header, rows, footer lines."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    for line in title:
        writer.writerow(line)
    writer.writerow(header)
    writer.writerows(rows)
    for line in footer:
        writer.writerow(line)
    return buf.getvalue()


def _write_text(path: Path, text: str, encoding: str) -> Path:
    path.write_bytes(text.encode(encoding))
    return path


# Made-up subscribers.
CMCC_OWNER = "13983001234"  # China Mobile, Chongqing
UNICOM_OWNER = "18623001234"  # China Unicom
TELECOM_OWNER = "17723001234"  # China Telecom
POLICE_OWNER = "15123001234"  # China Mobile, via the police platform
DUMP_SUBSCRIBERS = ("13983001234", "15123001234", "13594560012")  # caller/callee dump
ENGLISH_SUBSCRIBERS = ("13678901234", "18523456789")  # From/To dump


# --------------------------------------------------------------- 1. China Mobile, CSV

CMCC_HEADER = [
    "序号", "本机号码", "对方号码", "业务类型", "呼叫类型", "开始时间", "通话时长(秒)",
    "LAC", "CI", "基站地址", "漫游地", "IMEI", "IMSI", "对方归属地",
]  # fmt: skip

_T = "\t"  # carriers prefix long numbers with a tab so Excel keeps them as text
_IMEI_1 = "867530041234561"
_IMEI_2 = "352099001761481"
_IMSI_1 = "460001234567890"
_SHIZHU = "重庆市石柱县南宾镇城南基站"
_LINCANG = "云南省临沧市耿马县孟定镇清水河基站"

CMCC_ROWS = [
    # 序号, 本机, 对方, 业务, 呼叫, 开始, 时长, LAC, CI, 地址, 漫游地, IMEI, IMSI, 归属地
    ["1", CMCC_OWNER, "13512345678", "通话", "主叫", "2024-03-02 08:15:32", "83",
     "22001", "13021", _SHIZHU, "", _IMEI_1, _IMSI_1, "重庆"],
    ["2", CMCC_OWNER, "15826784512", "通话", "被叫", "2024-03-02 09:01:07", "245",
     "22001", "13021", _SHIZHU, "", _IMEI_1, _IMSI_1, "重庆"],
    ["3", CMCC_OWNER, "95588", "短信", "被叫", "2024-03-03 11:20:44", "0",
     "22001", "13022", _SHIZHU, "", _IMEI_1, _IMSI_1, ""],
    ["4", CMCC_OWNER, "13512345678", "短信", "主叫", "2024-03-03 11:25:02", "0",
     "22001", "13022", _SHIZHU, "", _IMEI_1, _IMSI_1, "重庆"],
    ["5", CMCC_OWNER, "023-68881234", "通话", "主叫", "2024-03-04 14:02:11", "61",
     "22001", "13021", _SHIZHU, "", _IMEI_1, _IMSI_1, "重庆"],
    ["6", CMCC_OWNER, "隐藏号码", "通话", "被叫", "2024-03-05 22:47:19", "12",
     "22001", "13021", _SHIZHU, "", _IMEI_1, _IMSI_1, ""],
    ["7", CMCC_OWNER, "18996541230", "通话", "主叫", "2024-03-08 23:55:40", "1325",
     "34105", "50731", _LINCANG, "云南临沧", _IMEI_2, _IMSI_1, "重庆"],
    ["8", CMCC_OWNER, "18996541230", "短信", "被叫", "2024-03-09 00:03:12", "0",
     "34105", "50731", _LINCANG, "云南临沧", _IMEI_2, _IMSI_1, "重庆"],
    ["9", CMCC_OWNER, "+8613730562218", "通话", "被叫", "2024-03-15 19:22:05", "96",
     "22001", "13021", _SHIZHU, "", _IMEI_2, _IMSI_1, "重庆"],
    ["10", CMCC_OWNER, "10086", "短信", "被叫", "2024-03-31 20:00:00", "0",
     "22001", "13021", _SHIZHU, "", _IMEI_2, _IMSI_1, ""],
]  # fmt: skip


def build_cmcc_csv(folder: Path) -> Path:
    title = [
        ["中国移动通信集团重庆有限公司 通话详单"],
        ["查询号码：13983001234  查询时段：2024-03-01 00:00:00 至 2024-03-31 23:59:59"],
    ]
    rows = []
    for row in CMCC_ROWS:
        row = list(row)
        for i in (1, 2, 11, 12):  # 本机号码, 对方号码, IMEI, IMSI carry the tab
            if row[i]:
                row[i] = _T + row[i]
        rows.append(row)
    text = _csv_bytes(title, CMCC_HEADER, rows)
    return _write_text(folder / "13983001234_话单_202403.csv", text, "gbk")


CMCC_CALLS = [
    Call(CMCC_OWNER, "13512345678", "2024-03-02 08:15:32", 83, True),
    Call(CMCC_OWNER, "15826784512", "2024-03-02 09:01:07", 245, False),
    Call(CMCC_OWNER, "95588", "2024-03-03 11:20:44", 0, False, sms=True),
    Call(CMCC_OWNER, "13512345678", "2024-03-03 11:25:02", 0, True, sms=True),
    Call(CMCC_OWNER, "02368881234", "2024-03-04 14:02:11", 61, True),
    # The far end is kept as the carrier wrote it: an entity flagged as no phone number.
    Call(CMCC_OWNER, "隐藏号码", "2024-03-05 22:47:19", 12, False),
    Call(CMCC_OWNER, "18996541230", "2024-03-08 23:55:40", 1325, True),
    Call(CMCC_OWNER, "18996541230", "2024-03-09 00:03:12", 0, False, sms=True),
    Call(CMCC_OWNER, "13730562218", "2024-03-15 19:22:05", 96, False),
    Call(CMCC_OWNER, "10086", "2024-03-31 20:00:00", 0, False, sms=True),
]


# ------------------------------------------------------------ 2a. China Unicom, xlsx

UNICOM_HEADER = [
    "用户号码", "对方号码", "呼叫类型", "通话起始时间", "通话时长", "漫游类型", "通话地",
    "ECI", "基站地址", "IMEI", "IMSI",
]  # fmt: skip

_NANAN = "重庆市南岸区南坪万达广场宏站"
_IMEI_U = "861234056789012"
_IMSI_U = "460011234509876"

UNICOM_ROWS = [
    [UNICOM_OWNER, "15310246789", "MOC", "20240301093012", "00:01:23", "本地", "重庆",
     "125829377", _NANAN, _IMEI_U, _IMSI_U],
    [UNICOM_OWNER, "15310246789", "MTC", "20240301101544", "00:00:09", "本地", "重庆",
     "125829377", _NANAN, _IMEI_U, _IMSI_U],
    [UNICOM_OWNER, "8613896107742", "MOC", "20240302203301", "00:12:40", "本地", "重庆",
     "125829378", _NANAN, _IMEI_U, _IMSI_U],
    [UNICOM_OWNER, "95533", "MTC", "20240303100002", "00:03:05", "本地", "重庆",
     "125829378", _NANAN, _IMEI_U, _IMSI_U],
    [UNICOM_OWNER, "13896107742", "SMO", "20240303101501", "00:00:00", "本地", "重庆",
     "125829378", _NANAN, _IMEI_U, _IMSI_U],
    [UNICOM_OWNER, "106980095533", "SMT", "20240303101530", "00:00:00", "本地", "重庆",
     "125829378", _NANAN, _IMEI_U, _IMSI_U],
    [UNICOM_OWNER, "01058123456", "MOC", "20240305143000", "00:00:47", "本地", "重庆",
     "125829377", _NANAN, _IMEI_U, _IMSI_U],
    [UNICOM_OWNER, "19923456781", "MTC", "20240309013355", "01:05:12", "国际漫游", "缅甸",
     "", "", _IMEI_U, _IMSI_U],
    [UNICOM_OWNER, "19923456781", "SMT", "20240309014510", "00:00:00", "国际漫游", "缅甸",
     "", "", _IMEI_U, _IMSI_U],
    [UNICOM_OWNER, "15310246789", "MOC", "20240320120001", "00:00:31", "本地", "重庆",
     "125829377", _NANAN, _IMEI_U, _IMSI_U],
]  # fmt: skip


def build_unicom_xlsx(folder: Path) -> Path:
    path = folder / "18623001234通话详单.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("通话详单")
    bold = workbook.add_format({"bold": True, "align": "center"})
    last = len(UNICOM_HEADER) - 1
    sheet.merge_range(0, 0, 0, last, "中国联通用户通话详单", bold)
    sheet.merge_range(
        1, 0, 1, last, "用户号码：18623001234    起止时间：20240301000000-20240331235959"
    )
    for c, text in enumerate(UNICOM_HEADER):
        sheet.write_string(2, c, text, bold)
    for r, row in enumerate(UNICOM_ROWS, start=3):
        for c, value in enumerate(row):
            if value:
                sheet.write_string(r, c, value)  # every cell stored as text
    workbook.close()
    return path


UNICOM_CALLS = [
    Call(UNICOM_OWNER, "15310246789", "2024-03-01 09:30:12", 83, True),
    Call(UNICOM_OWNER, "15310246789", "2024-03-01 10:15:44", 9, False),
    Call(UNICOM_OWNER, "13896107742", "2024-03-02 20:33:01", 760, True),
    Call(UNICOM_OWNER, "95533", "2024-03-03 10:00:02", 185, False),
    Call(UNICOM_OWNER, "13896107742", "2024-03-03 10:15:01", 0, True, sms=True),
    Call(UNICOM_OWNER, "106980095533", "2024-03-03 10:15:30", 0, False, sms=True),
    Call(UNICOM_OWNER, "01058123456", "2024-03-05 14:30:00", 47, True),
    Call(UNICOM_OWNER, "19923456781", "2024-03-09 01:33:55", 3912, False),
    Call(UNICOM_OWNER, "19923456781", "2024-03-09 01:45:10", 0, False, sms=True),
    Call(UNICOM_OWNER, "15310246789", "2024-03-20 12:00:01", 31, True),
]


# ----------------------------------------------------------- 2b. China Telecom, CSV

TELECOM_HEADER = [
    "序号", "对方号码", "呼叫类型", "起始时间", "通话时长", "通话类型", "使用地点", "ECI",
    "费用（元）",
]  # fmt: skip

TELECOM_ROWS = [
    ["1", "13730562218", "主叫", "2024/03/01 07:45:10", "1分23秒", "本地通话", "重庆市彭水县",
     "98765313", "0.00"],
    ["2", "13730562218", "被叫", "2024/03/01 21:10:55", "45秒", "本地通话", "重庆市彭水县",
     "98765313", "0.00"],
    ["3", "02378441234", "主叫", "2024/03/02 10:00:01", "2分0秒", "本地通话", "重庆市彭水县",
     "98765314", "0.00"],
    ["4", "17608234567", "短信发送", "2024/03/02 10:05:33", "0秒", "短信", "重庆市彭水县",
     "98765314", "0.10"],
    ["5", "17608234567", "短信接收", "2024/03/02 10:06:40", "0秒", "短信", "重庆市彭水县",
     "98765314", "0.00"],
    ["6", "10000", "被叫", "2024/03/04 16:20:00", "3分12秒", "本地通话", "重庆市彭水县",
     "98765313", "0.00"],
    ["7", "18725093416", "主叫", "2024/03/06 23:40:18", "1小时2分3秒", "国内长途",
     "重庆市彭水县", "98765313", "12.00"],
    ["8", "18725093416", "主叫", "2024/03/12 09:13:27", "5分7秒", "国内漫游", "广西南宁市",
     "", "0.00"],
    ["9", "1065502095555", "短信接收", "2024/03/15 08:00:02", "0秒", "短信", "广西南宁市",
     "", "0.00"],
    ["10", "15826784512", "被叫", "2024/03/20 19:19:19", "10分0秒", "本地通话",
     "重庆市彭水县", "98765313", "0.00"],
]  # fmt: skip


def build_telecom_csv(folder: Path) -> Path:
    title = [
        ["中国电信重庆分公司 移动语音及短信详单"],
        ["号码：17723001234", "账期：2024年03月"],
        [],
    ]
    footer = [
        ["", "合计", "", "", "1小时24分30秒", "", "", "", "12.10"],
        ["查询时间：2024-04-01 09:30:12"],
    ]
    text = _csv_bytes(title, TELECOM_HEADER, TELECOM_ROWS, footer)
    return _write_text(folder / "17723001234_详单_202403.csv", text, "gb18030")


TELECOM_CALLS = [
    Call(TELECOM_OWNER, "13730562218", "2024-03-01 07:45:10", 83, True),
    Call(TELECOM_OWNER, "13730562218", "2024-03-01 21:10:55", 45, False),
    Call(TELECOM_OWNER, "02378441234", "2024-03-02 10:00:01", 120, True),
    Call(TELECOM_OWNER, "17608234567", "2024-03-02 10:05:33", 0, True, sms=True),
    Call(TELECOM_OWNER, "17608234567", "2024-03-02 10:06:40", 0, False, sms=True),
    Call(TELECOM_OWNER, "10000", "2024-03-04 16:20:00", 192, False),
    Call(TELECOM_OWNER, "18725093416", "2024-03-06 23:40:18", 3723, True),
    Call(TELECOM_OWNER, "18725093416", "2024-03-12 09:13:27", 307, True),
    Call(TELECOM_OWNER, "1065502095555", "2024-03-15 08:00:02", 0, False, sms=True),
    Call(TELECOM_OWNER, "15826784512", "2024-03-20 19:19:19", 600, False),
]


# ------------------------------------------- 3. Caller/callee dump, many subscribers

S1, S2, S3 = DUMP_SUBSCRIBERS

DUMP_HEADER = [
    "序号", "主叫号码", "被叫号码", "开始时间", "结束时间", "通话时长", "主叫LAC", "主叫CI",
    "被叫LAC", "被叫CI",
]  # fmt: skip

DUMP_ROWS = [
    ["1", S1, "13512345678", "2024-03-02 08:15:32", "2024-03-02 08:16:55", "83",
     "22001", "13021", "", ""],
    ["2", "15826784512", S1, "2024-03-02 09:01:07", "2024-03-02 09:05:12", "245",
     "", "", "22001", "13021"],
    ["3", S2, "18996541230", "2024-03-03 13:00:00", "2024-03-03 13:01:00", "60",
     "22105", "41877", "", ""],
    ["4", S1, S2, "2024-03-03 22:10:05", "2024-03-03 22:15:17", "312",
     "22001", "13021", "22105", "41877"],
    ["5", "023-68881234", S3, "2024-03-04 09:30:12", "2024-03-04 09:30:40", "28",
     "", "", "22310", "20561"],
    ["6", S3, "95588", "2024-03-05 10:11:12", "2024-03-05 10:14:19", "187",
     "22310", "20561", "", ""],
    ["7", S2, S3, "2024-03-06 20:20:20", "2024-03-06 20:21:55", "95",
     "22105", "41877", "22310", "20562"],
    ["8", "8613730562218", S2, "2024-03-07 07:07:07", "2024-03-07 07:07:51", "44",
     "", "", "22105", "41878"],
    ["9", S3, "18725093416", "2024-03-08 23:59:01", "2024-03-09 00:24:01", "1500",
     "22310", "20562", "", ""],
    ["10", "18725093416", S1, "2024-03-10 11:11:11", "2024-03-10 11:11:11", "0",
     "", "", "22001", "13022"],
]  # fmt: skip


def build_dump_csv(folder: Path) -> Path:
    title = [
        [f"调取号码：{S1}、{S2}、{S3}；调取时段：2024-03-01 至 2024-03-31；业务：语音"],
    ]
    text = _csv_bytes(title, DUMP_HEADER, DUMP_ROWS)
    return _write_text(folder / "话单调证_主被叫_202403.csv", text, "utf-8-sig")


DUMP_CALLS = [
    Call(S1, "13512345678", "2024-03-02 08:15:32", 83, True),
    Call(S1, "15826784512", "2024-03-02 09:01:07", 245, False),
    Call(S2, "18996541230", "2024-03-03 13:00:00", 60, True),
    Call(S1, S2, "2024-03-03 22:10:05", 312, True),  # both subscribers: once, from the caller
    Call(S3, "02368881234", "2024-03-04 09:30:12", 28, False),
    Call(S3, "95588", "2024-03-05 10:11:12", 187, True),
    Call(S2, S3, "2024-03-06 20:20:20", 95, True),  # both subscribers
    Call(S2, "13730562218", "2024-03-07 07:07:07", 44, False),
    Call(S3, "18725093416", "2024-03-08 23:59:01", 1500, True),
    Call(S1, "18725093416", "2024-03-10 11:11:11", 0, False),
]


# ----------------------------------------------------------- 4. English From/To dump

T1, T2 = ENGLISH_SUBSCRIBERS

ENGLISH_HEADER = ["From", "To", "Type", "Start Time", "Duration", "Cell ID", "IMEI", "Roaming"]

_IMEI_T1 = "356938035643809"
_IMEI_T2 = "353918057210436"

ENGLISH_ROWS = [
    ["+8613678901234", "13512345678", "Voice", "13/03/2024 08:00:15", "83",
     "460-00-22001-13021", _IMEI_T1, ""],
    ["15826784512", "13678901234", "Voice", "13/03/2024 09:30:00", "240",
     "460-00-22001-13021", _IMEI_T1, ""],
    ["13678901234", "15826784512", "SMS", "14/03/2024 10:00:01", "0",
     "460-00-22001-13022", _IMEI_T1, ""],
    ["1069000095588", "13678901234", "SMS", "14/03/2024 10:02:00", "0",
     "460-00-22001-13022", _IMEI_T1, ""],
    ["18523456789", "023-68881234", "Voice", "15/03/2024 11:11:11", "61",
     "460-00-22105-41877", _IMEI_T2, ""],
    ["13678901234", "18523456789", "Voice", "16/03/2024 21:00:00", "300",
     "460-00-22001-13021", _IMEI_T1, ""],
    ["18523456789", "13678901234", "SMS", "16/03/2024 21:10:00", "0",
     "460-00-22105-41877", _IMEI_T2, ""],
    ["+86 189 9654 1230", "18523456789", "Voice", "17/03/2024 02:15:45", "95",
     "", _IMEI_T2, "Myanmar"],
    ["18523456789", "+8618996541230", "SMS", "17/03/2024 02:20:00", "0",
     "", _IMEI_T2, "Myanmar"],
    ["10086", "18523456789", "SMS", "20/03/2024 12:00:00", "0",
     "460-00-22105-41878", _IMEI_T2, ""],
    ["13678901234", "17608234567", "Voice", "25/03/2024 18:45:30", "1200",
     "460-00-22001-13021", _IMEI_T1, ""],
]  # fmt: skip


def build_english_csv(folder: Path) -> Path:
    text = _csv_bytes([], ENGLISH_HEADER, ENGLISH_ROWS)
    return _write_text(folder / "cdr_export_2024-03.csv", text, "utf-8")


ENGLISH_CALLS = [
    Call(T1, "13512345678", "2024-03-13 08:00:15", 83, True),
    Call(T1, "15826784512", "2024-03-13 09:30:00", 240, False),
    Call(T1, "15826784512", "2024-03-14 10:00:01", 0, True, sms=True),
    Call(T1, "1069000095588", "2024-03-14 10:02:00", 0, False, sms=True),
    Call(T2, "02368881234", "2024-03-15 11:11:11", 61, True),
    Call(T1, T2, "2024-03-16 21:00:00", 300, True),  # both subscribers: from the caller
    Call(T2, T1, "2024-03-16 21:10:00", 0, True, sms=True),  # both: from the sender
    Call(T2, "18996541230", "2024-03-17 02:15:45", 95, False),
    Call(T2, "18996541230", "2024-03-17 02:20:00", 0, True, sms=True),
    Call(T2, "10086", "2024-03-20 12:00:00", 0, False, sms=True),
    Call(T1, "17608234567", "2024-03-25 18:45:30", 1200, True),
]


# ------------------------ 5. Police platform export, xlsx, bad and H:MM:SS durations

POLICE_HEADER = [
    "用户号码", "对端号码", "主被叫标志", "起始时间", "通话时长", "通话地", "基站代码",
    "小区ID", "经度", "纬度", "小区地址", "IMEI", "对端归属地",
]  # fmt: skip

_PS = "重庆市彭水县汉葭街道滨江路基站"
_NN = "广西南宁市西乡塘区安吉客运站基站"
_IMEI_P = "864502031122334"


def _t(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%Y-%m-%d %H:%M:%S")


POLICE_ROWS: list[list[object]] = [
    # 用户号码 as a number, 对端号码 as a number where it is one, 起始时间 as an Excel date.
    [15123001234, 13512345678, "主叫", _t("2024-03-01 09:00:00"), "0:01:05", "重庆",
     "22310", "20561", 108.16522, 29.29388, _PS, _IMEI_P, "重庆"],
    [15123001234, 13512345678, "被叫", _t("2024-03-01 12:34:56"), "0:00:38", "重庆",
     "22310", "20561", 108.16522, 29.29388, _PS, _IMEI_P, "重庆"],
    [15123001234, 18996541230, "主叫", _t("2024-03-02 20:15:00"), None, "重庆",
     "22310", "20562", 108.16601, 29.29410, _PS, _IMEI_P, "重庆"],
    [15123001234, 18996541230, "被叫", _t("2024-03-03 08:08:08"), "-0:00:07", "重庆",
     "22310", "20562", 108.16601, 29.29410, _PS, _IMEI_P, "重庆"],
    [15123001234, 12345, "主叫", _t("2024-03-04 10:00:00"), "0:04:10", "重庆",
     "22310", "20561", 108.16522, 29.29388, _PS, _IMEI_P, "重庆"],
    [15123001234, "023-78441234", "被叫", _t("2024-03-05 15:00:00"), "0:02:00", "重庆",
     "22310", "20561", 108.16522, 29.29388, _PS, _IMEI_P, "重庆"],
    [15123001234, 17608234567, "短信主叫", _t("2024-03-06 18:00:00"), "0:00:00", "重庆",
     "22310", "20561", 108.16522, 29.29388, _PS, _IMEI_P, "重庆"],
    [15123001234, 17608234567, "短信被叫", _t("2024-03-06 18:01:30"), "0:00:00", "重庆",
     "22310", "20561", 108.16522, 29.29388, _PS, _IMEI_P, "重庆"],
    [15123001234, 13730562218, "主叫", _t("2024-03-10 23:10:00"), "1:02:03", "广西南宁",
     "41021", "33187", 108.24301, 22.85522, _NN, _IMEI_P, "重庆"],
    [15123001234, 13730562218, "被叫", _t("2024-03-11 07:30:00"), "0:00:15", "广西南宁",
     "41021", "33187", 108.24301, 22.85522, _NN, _IMEI_P, "重庆"],
]  # fmt: skip


def build_police_xlsx(folder: Path) -> Path:
    path = folder / "15123001234话单.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("话单")
    bold = workbook.add_format({"bold": True})
    when = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    last = len(POLICE_HEADER) - 1
    sheet.merge_range(0, 0, 0, last, "重庆市公安局彭水县分局 话单调证结果", bold)
    sheet.merge_range(
        1,
        0,
        1,
        last,
        "对象号码：15123001234    调证时段：2024-03-01 至 2024-03-31    运营商：中国移动",
    )
    # Row 2 is left empty; the header is on row 3 (the fourth row).
    for c, text in enumerate(POLICE_HEADER):
        sheet.write_string(3, c, text, bold)
    r = 4
    for row in POLICE_ROWS:
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, dt.datetime):
                sheet.write_datetime(r, c, value, when)
            elif isinstance(value, str):
                sheet.write_string(r, c, value)
            else:
                sheet.write_number(r, c, value)
        r += 1
    sheet.write_string(r, 0, f"共{len(POLICE_ROWS)}条记录")
    workbook.close()
    return path


POLICE_CALLS = [
    Call(POLICE_OWNER, "13512345678", "2024-03-01 09:00:00", 65, True),
    Call(POLICE_OWNER, "13512345678", "2024-03-01 12:34:56", 38, False),
    Call(POLICE_OWNER, "18996541230", "2024-03-02 20:15:00", 0, True),  # empty: flagged
    Call(POLICE_OWNER, "18996541230", "2024-03-03 08:08:08", 0, False),  # negative: flagged
    Call(POLICE_OWNER, "12345", "2024-03-04 10:00:00", 250, True),
    Call(POLICE_OWNER, "02378441234", "2024-03-05 15:00:00", 120, False),
    Call(POLICE_OWNER, "17608234567", "2024-03-06 18:00:00", 0, True, sms=True),
    Call(POLICE_OWNER, "17608234567", "2024-03-06 18:01:30", 0, False, sms=True),
    Call(POLICE_OWNER, "13730562218", "2024-03-10 23:10:00", 3723, True),
    Call(POLICE_OWNER, "13730562218", "2024-03-11 07:30:00", 15, False),
]


# ----------------------------------------------------------------------- the layouts

_SRC_HUADAN = (
    "github.com/ywl001/huadan src/assets/fields.json and src/app/models/Model.ts: a police "
    "话单 tool's header aliases (对端号码/对方号码; 呼叫类型/主被叫类型/通话类型/主被叫标志; "
    "开始时间/起始时间/通话起始时间; 通话时长/通话时长(秒); 基站代码/LAC; 小区ID/CI; 小区地址; "
    "经度/纬度); help page: imports 警综 and 技侦 话单 as Excel"
)
_SRC_POLICEINFO = (
    "github.com/alen460659153/PoliceInfo PoliceInfo/FrmMain.cs: imports 话单 CSV with header "
    "开始时间,主被叫标志,用户号码,IMSI,IMEI,对端号码,对端归属地,通话时长,活动地区,LAC,CI,归属地,"
    "基站地址, read with Encoding.Default (GBK), stripping '\"' and tab characters from every "
    "line, an empty 通话时长 read as 0"
)
_SRC_CRAWLER = (
    "github.com/Svolcano/python_exercise dianhua/worker/crawler/: carriers' 详单 pages - "
    "China Mobile Beijing (呼叫类型 主叫/被叫; time 'YYYY/MM/DD HH:MM:SS' or 'MM-DD HH:MM:SS'; "
    "duration 'X时Y分Z秒' or 'HH:MM:SS'), China Telecom Chongqing (对方号码, 呼叫类型, 起始时间, "
    "通话时长（秒）, 通话类型, 使用地点, 费用（元）, a 合计 row to skip)"
)
_SRC_GA_UI = (
    "a public police number-query front end (quickQueryCdr, ga-targetNumSingleQuery): "
    "通联类型, 本端号码, 对端号码, 通话开始/短信发送时间, 通话时长（秒）, 本端/对端 LAC, CI, "
    "经度, 纬度, 本端卡号 (IMSI), 本端机身码 (IMEI), 短信内容 - both sides' cells in one row"
)
_SRC_3GPP = (
    "3GPP TS 32.298 record types moCallRecord/mtCallRecord/moSMSRecord/mtSMSRecord "
    "(e.g. SigScale CGF schemas ECS_Bx_CS, ECS_Bx_SMS): the MOC/MTC/SMO/SMT codes"
)

LAYOUTS: list[Layout] = [
    Layout(
        name="cmcc_subscriber_gbk_csv",
        title="China Mobile per-subscriber 话单, title lines, tab-prefixed numbers (.csv, GBK)",
        kind="calls",
        build=build_cmcc_csv,
        owner=("phone_card", CMCC_OWNER),
        calls=CMCC_CALLS,
        sources=[_SRC_HUADAN, _SRC_POLICEINFO, _SRC_GA_UI],
        notes=(
            "GBK, CRLF. Two title lines (the second: 查询号码：13983001234 and the period), "
            "header on line 3. 本机号码, 对方号码, IMEI and IMSI carry a leading tab. "
            "业务类型 通话/短信 says call or SMS; 呼叫类型 主叫/被叫 the direction (for SMS: "
            "主叫 = sent, 被叫 = received). 开始时间 'YYYY-MM-DD HH:MM:SS', 通话时长(秒) in "
            "seconds (0 for SMS). Cells: LAC, CI (decimal) and 基站地址. 漫游地 filled when "
            "roaming (云南临沧). 对方号码 has a landline '023-68881234', a service number "
            "95588/10086, '+86' once, and '隐藏号码' (kept as written)."
        ),
    ),
    Layout(
        name="unicom_subscriber_xlsx",
        title="China Unicom per-subscriber 通话详单, MOC/MTC/SMO/SMT, ECI (.xlsx, text cells)",
        kind="calls",
        build=build_unicom_xlsx,
        owner=("phone_card", UNICOM_OWNER),
        calls=UNICOM_CALLS,
        sources=[_SRC_3GPP, _SRC_HUADAN, _SRC_CRAWLER],
        notes=(
            "Sheet '通话详单': row 1 merged title, row 2 merged '用户号码：18623001234 起止时间：…',"
            " header row 3. Every cell is text. 呼叫类型 MOC (out call), MTC (in call), SMO "
            "(SMS sent), SMT (SMS received). 通话起始时间 'YYYYMMDDHHMMSS'; 通话时长 'HH:MM:SS' "
            "(00:00:00 for SMS). Cell column ECI (4G, decimal), 基站地址; both empty when "
            "roaming abroad (漫游类型 国际漫游, 通话地 缅甸). One 对方号码 has an '86' prefix; "
            "a landline without '-' (01058123456); service 95533 and SMS port 106980095533."
        ),
    ),
    Layout(
        name="telecom_subscriber_gb18030_csv",
        title="China Telecom 详单, 'X分Y秒' durations, 合计 footer (.csv, GB18030)",
        kind="calls",
        build=build_telecom_csv,
        owner=("phone_card", TELECOM_OWNER),
        calls=TELECOM_CALLS,
        footer_rows=2,
        sources=[_SRC_CRAWLER, _SRC_HUADAN],
        notes=(
            "GB18030, CRLF. Title: line 1 text, line 2 '号码：17723001234','账期：2024年03月' in "
            "two cells, line 3 empty; header on line 4. No own-number column: the subscriber "
            "is named only in the title. 呼叫类型 主叫/被叫/短信发送/短信接收. 起始时间 "
            "'YYYY/MM/DD HH:MM:SS'. 通话时长 as '1分23秒', '45秒', '1小时2分3秒', '0秒'. "
            "Cell column ECI, empty when roaming (通话类型 国内漫游, 使用地点 广西南宁市). "
            "Footer: a 合计 row (合计 in 对方号码) and a '查询时间：…' line."
        ),
    ),
    Layout(
        name="caller_callee_dump_utf8_csv",
        title="Caller/callee voice dump for several numbers, no call-type column (.csv, UTF-8 BOM)",
        kind="calls",
        build=build_dump_csv,
        owner=None,
        calls=DUMP_CALLS,
        sources=[_SRC_GA_UI, _SRC_HUADAN],
        notes=(
            "UTF-8 with BOM, CRLF. One title line naming the subscribers: "
            f"'调取号码：{S1}、{S2}、{S3}；…' (separated by 、), header on line 2. "
            "主叫号码/被叫号码, no type column: voice only; the subscriber of a row is whichever "
            "side is one of the three; rows 4 and 7 are between two subscribers and are listed "
            "once, own = the caller, outgoing. 开始时间/结束时间 'YYYY-MM-DD HH:MM:SS', 通话时长 "
            "in seconds (row 10: 0, unanswered, not flagged). Cells: 主叫LAC/主叫CI and "
            "被叫LAC/被叫CI, filled for the subscriber sides only. One caller is "
            "'8613730562218' (86 prefix), one a landline '023-68881234'. No footer."
        ),
    ),
    Layout(
        name="english_from_to_csv",
        title="English From/To CDR export for several numbers, Type Voice/SMS (.csv, UTF-8)",
        kind="calls",
        build=build_english_csv,
        owner=None,
        calls=ENGLISH_CALLS,
        sources=[
            "Indian operators' CDR exports as read by public CDR analyzers (Airtel: Target No, "
            "Call Type IN/OUT/SMT/SMO, Date DD/MM/YYYY, Dur(s), First CGI "
            "'404-96-290-128686112' MCC-MNC-LAC-CI, B Party No, IMEI, IMSI)",
            "cider (GiveDirectly/Berkeley) synthetic_data/cdr.csv: txn_type call/text, "
            "caller_id, recipient_id, timestamp, duration (empty for text), caller_antenna",
            "github.com/hksank/cdr-data-generator: CALLING_NUM, CALLED NUMBER, START TIME, "
            "END TIME, CALL TYPE SMS/VOICE",
        ],
        notes=(
            "UTF-8 without BOM, CRLF, header on line 1, no title, no footer. The file does "
            f"not name its subscribers: they are {T1} and {T2} (the numbers on every row). "
            "Type holds only Voice/SMS; direction follows from which side (From/To) is a "
            "subscriber; rows 6 and 7 are between the two and listed once from the caller/"
            "sender. Start Time 'DD/MM/YYYY HH:MM:SS' (days 13-25, so unambiguous). Duration "
            "in seconds, 0 for SMS. Cell ID 'MCC-MNC-LAC-CI' (460-00-22001-13021), empty when "
            "Roaming is 'Myanmar'. Numbers: '+8613678901234', '+86 189 9654 1230', "
            "'023-68881234', '1069000095588', '10086'."
        ),
    ),
    Layout(
        name="police_platform_xlsx_bad_durations",
        title="Police platform 话单 export, H:MM:SS durations, one empty and one negative (.xlsx)",
        kind="calls",
        build=build_police_xlsx,
        owner=("phone_card", POLICE_OWNER),
        calls=POLICE_CALLS,
        footer_rows=1,
        sources=[_SRC_HUADAN, _SRC_POLICEINFO, _SRC_GA_UI],
        notes=(
            "Sheet '话单': row 1 merged title, row 2 merged '对象号码：15123001234 调证时段：… "
            "运营商：中国移动', row 3 empty, header row 4. 用户号码 and most 对端号码 are numeric "
            "cells (floats when read); one 对端号码 is text '023-78441234'; 12345 is a service "
            "number. 主被叫标志 主叫/被叫/短信主叫/短信被叫. 起始时间 is an Excel date cell. "
            "通话时长 is text 'H:MM:SS' ('0:01:05' = 65 s, '1:02:03' = 3723 s); row 3 has an "
            "empty 通话时长 and row 4 '-0:00:07': both kept with duration 0 and flagged. "
            "Cells: 基站代码 (LAC), 小区ID (CI), 经度, 纬度, 小区地址; 通话地 广西南宁 when "
            "roaming. Footer: '共10条记录'."
        ),
    ),
]
