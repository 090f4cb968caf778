#!/usr/bin/env bash
# nohin intake on messages written with Python's email package: a PPAP mail
# whose subject carries the zip's password ("パスワード: Secr3tPass") and a split
# submission "報告書送付（1/2）山田太郎": no report (text, JSON Lines, reply
# draft) shows the password or the name — also not the submission's subject,
# where the counter is taken out and the name joins the words before it.
# Near misses: "パスワードは別途お送りします", "Re: password" and an attachment
# named form_pass_print.zip keep their words.
set -u
. "$(dirname "$0")/lib/requires.sh"
requires zip
. "$(dirname "$0")/lib/check.sh"
cd "$tmp" || exit 1
printf '地域,件数\n北海道,12\n' >data.csv
zip -q -P Secr3tPass enc.zip data.csv
zip -q plain.zip data.csv
$PY - <<'PYEOF' || exit 1
import email.policy
from email.message import EmailMessage
from email.utils import formatdate
def mk(name, subject, body, attachment=None):
    m = EmailMessage()
    m["From"] = "山田 太郎 <taro.yamada@example.co.jp>"
    m["To"] = "houkoku@example.go.jp"
    m["Subject"] = subject
    m["Date"] = formatdate(1733450000)
    m["Message-ID"] = f"<{name}@example.co.jp>"
    m.set_content(body)
    if attachment:
        m.add_attachment(open(attachment, "rb").read(), maintype="application", subtype="zip",
                         filename=attachment)
    open(name + ".eml", "wb").write(m.as_bytes(policy=email.policy.SMTP))
mk("ppap", "【納品】調査報告書 パスワード: Secr3tPass", "添付のパスワードは Secr3tPass です。\n", "enc.zip")
mk("pw", "Re: 納品 PW：Secr3tPass", "よろしくお願いします。\n")
mk("split", "報告書送付（1/2）山田太郎", "分割して送ります。\n", "plain.zip")
mk("later", "パスワードは別途お送りします", "本文\n", "plain.zip")
mk("plain", "Re: password", "本文\n")
import shutil; shutil.copy("plain.zip", "form_pass_print.zip")
mk("name", "資料送付", "本文\n", "form_pass_print.zip")
PYEOF
"$NOHIN" intake --lang ja -q -f text -o out.txt --replies replies ppap.eml pw.eml split.eml later.eml \
  plain.eml name.eml
"$NOHIN" intake --lang en -q -f json -o out.jsonl ppap.eml pw.eml split.eml later.eml plain.eml \
  name.eml
for f in replies/*.eml; do
  $PY -c 'import email, email.policy, sys
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
print(m["Subject"]); print(m.get_body(("plain",)).get_content())' "$f"
done >replies.txt
check "outputs written" "[ -s out.txt ] && [ -s out.jsonl ] && [ -s replies.txt ]"
for v in Secr3tPass 山田太郎 '山田 太郎'; do
  check "no output shows '$v'" "! grep -q '$v' out.txt out.jsonl replies.txt"
done
check "the password is shown as ***" "grep -q 'パスワード: \*\*\*' out.txt && grep -q 'PW：\*\*\*' out.txt"
check "the split submission's subject masks the name" "grep -q '報告書送付山\*\*郎' out.txt"
check "near miss: パスワードは別途お送りします kept" "grep -q 'パスワードは別途お送りします' out.txt"
check "near miss: Re: password kept" "grep -q 'Re: password' out.txt"
check "near miss: the attachment form_pass_print.zip keeps its name" "grep -q '\"form_pass_print.zip\"' out.jsonl"
exit $fail
