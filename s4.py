import sys, csv
from loaders.dataset import BUNDLED as root
from loaders.regulation_text import read_regulation
idx = {r["code"]: r for r in csv.DictReader((root/"rules/regulations.csv").open())}
code = sys.argv[1]
reg = read_regulation(root / idx[code]["file"])
for art in sys.argv[2:]:
    a = reg.article(art)
    print(art)
    for p in a.paragraphs:
        print("  [", a.paragraph_label(p), "]", p.text)
        for i in p.items: print("     ", i.label, i.text)
