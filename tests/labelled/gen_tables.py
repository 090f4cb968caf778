#!/usr/bin/python3
"""Table cases for the personal-data detectors: CSV and XLSX (openpyxl) files
whose context is the column header (氏名 | 生年月日 | 旅券番号 …), with and
without a title block above the header, in several header spellings, full- and
half-width. One file per case; OUT/labels holds file<TAB>kinds ('-': none).
Usage: gen_tables.py OUT"""
import os, sys
import openpyxl

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
labels = []

Z = str.maketrans("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-/", "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ－／")
names = ["山田太郎", "佐藤 花子", "鈴木一郎", "高橋 健太", "田中美咲", "伊藤 直樹", "渡辺浩二", "中村 愛"]
# kind -> (header spellings, values, label)
kinds = {
    "NAME": (["氏名", "名前", "担当者", "出張者", "回答者", "Name", "氏名（漢字）", "お名前"], names, "NAME"),
    "BIRTH": (["生年月日", "誕生日", "Date of birth", "生年月日（西暦）"],
              ["1985/04/12", "昭和60年4月12日", "1990-11-03", "平成2年11月3日", "1972/1/30", "S47.1.30"], "BIRTH"),
    "PASSPORT": (["旅券番号", "パスポート番号", "Passport No.", "パスポート"],
                 ["TK1234567", "TZ7654321", "MU0012345", "AB9876543"], "PASSPORT"),
    "PHONE": (["携帯電話", "電話番号", "連絡先", "携帯", "Mobile"],
              ["090-1234-5678", "080-2345-6789", "07012345678", "090-8765-4321"], "PHONE"),
    "EMAIL": (["メール", "メールアドレス", "E-mail"],
              ["taro.yamada@gmail.com", "h-sato@yahoo.co.jp", "k.suzuki1985@nifty.com"], "EMAIL"),
    "ADDR": (["住所", "現住所", "Address"],
             ["埼玉県さいたま市浦和区高砂3-12-5", "神奈川県横浜市港北区日吉本町4丁目8番21号"], "ADDR"),
    "BANK": (["口座番号", "振込先口座"], ["1234567", "7654321"], "BANK"),
}
def my_number(body11):
    """12-digit 個人番号 with its check digit (番号法施行令 第8条)."""
    d = [int(c) for c in body11]
    s = sum(d[10 - n] * (n + 2 if n <= 5 else n - 4) for n in range(11))
    r = s % 11
    return body11 + str(0 if r <= 1 else 11 - r)

kinds["MN"] = (["個人番号", "マイナンバー"], [my_number("12345678901"), my_number("98765432109"),
                                            my_number("31415926535")], "MN")
kinds["LICENSE"] = (["免許証番号", "運転免許証番号"], ["301234567890", "123456789012", "451122334455"],
                    "LICENSE")
# Near-miss columns: same headers, values that are not personal data.
misses = [
    ("氏名", ["株式会社山田製作所", "佐藤工業株式会社", "経済産業省", "一般社団法人日本協会"]),
    ("生年月日", ["", "", "", ""]),
    ("年齢階級", ["20～29歳", "30～39歳", "40～49歳", "50～59歳"]),
    ("年度", ["2019", "2020", "2021", "2022"]),
    ("旅券番号", ["未取得", "申請中", "－", "該当なし"]),
    ("担当課", ["総務課", "企画課", "情報政策課", "会計課"]),
    ("件数", ["12", "345", "6789", "10"]),
    ("提出日", ["2023/04/01", "2023/05/12", "2024/01/10", "2024/03/29"]),
    ("電話番号", ["03-3501-1511（代表）", "0120-123-456", "0570-000-123", "03-3501-1511（代表）"]),
    ("メール", ["info@example.go.jp", "jimukyoku@example.jp", "support@example.co.jp", "info@meti.example.jp"]),
]

def write(fname, title, header, rows, width, fmt):
    if width == "full":
        header = [h.translate(Z) for h in header]
        rows = [[v.translate(Z) for v in r] for r in rows]
    block = [["出張者名簿（令和5年度）"], ["（単位：人）"], []] if title else []
    path = os.path.join(out, fname)
    if fmt == "csv":
        with open(path, "w", encoding="utf-8-sig", newline="") as f:
            for r in block + [header] + rows:
                f.write(",".join(r) + "\r\n")
    else:
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "データ"
        for r in block + [header] + rows:
            ws.append(r)
        wb.properties.title = "名簿"
        wb.save(path)

n = 0
for kname, (heads, vals, label) in kinds.items():
    for i, h in enumerate(heads):
        for fmt in ("csv", "xlsx"):
            title = (i + (fmt == "xlsx")) % 2 == 0
            width = "full" if (i % 3 == 2) else "half"
            rows = [[str(j + 1), vals[(i + j) % len(vals)], "東京"] for j in range(3)]
            n += 1
            fname = f"t{n:03d}.{fmt}"
            write(fname, title, ["No.", h, "所属"], rows, width, fmt)
            labels.append((fname, label))
for i, (h, vals) in enumerate(misses):
    for k, fmt in enumerate(("csv", "xlsx", "csv", "xlsx", "csv", "xlsx")):
        title = k % 3 != 0
        width = "full" if k >= 4 else "half"
        rows = [[str(j + 1), vals[(j + k) % len(vals)], "12"] for j in range(3)]
        n += 1
        fname = f"t{n:03d}.{fmt}"
        write(fname, title, ["No.", h, "人数"], rows, width, fmt)
        labels.append((fname, "-"))
with open(os.path.join(out, "labels"), "w") as f:
    for fname, label in labels:
        f.write(f"{fname}\t{label}\n")
