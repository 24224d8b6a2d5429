# The `cli` bench's yardstick: a libyaml reading of a pattern library in a fresh Python process,
# every .md file's frontmatter (the lines between the opening and the closing `---`) parsed whole by
# PyYAML's CLoader. Prints the counts as one JSON line. Usage: python3 pyyaml-read.py <folder>
import os, sys, yaml, json
root = sys.argv[1]
files = parsed = failed = 0
for dirpath, dirnames, filenames in os.walk(root):
    dirnames[:] = sorted(d for d in dirnames if not d.startswith('.') and d != 'node_modules')
    for name in sorted(filenames):
        if not name.endswith('.md'):
            continue
        files += 1
        with open(os.path.join(dirpath, name), encoding='utf-8', errors='replace') as f:
            text = f.read()
        lines = text.split('\n')
        if not lines or lines[0].strip() != '---':
            failed += 1
            continue
        try:
            end = next(i for i in range(1, len(lines)) if lines[i].strip() == '---')
        except StopIteration:
            failed += 1
            continue
        try:
            data = yaml.load('\n'.join(lines[1:end]), Loader=yaml.CLoader)
            parsed += 1 if isinstance(data, dict) else 0
        except yaml.YAMLError:
            failed += 1
print(json.dumps({"files": files, "parsed": parsed, "failed": failed}))
