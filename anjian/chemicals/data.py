"""The shipped chemical lists, with their sources (domain-rules §14).

- `KEY_SUPERVISED`: 重点监管的危险化学品. First batch 安监总管三〔2011〕95号 (60 items, names as
  §14 lists them); second batch 安监总管三〔2013〕12号 (14 items: 氯酸钠 and 氯酸钾 were read, the
  other twelve are believed, UNVERIFIED; the notice's full text was not available).
  The CAS numbers are the CAS registry numbers of the named substances, added here (the notices'
  annexes were not available to compare: UNVERIFIED as a copy of the annex).
- `CLASS_TAGS`: the hazard-class tags of §14's table, for the substances §14 names as examples
  and the key-supervised substances whose class is plain (flammable gases, toxic gases,
  organic peroxides and self-reactive substances). The full 危险化学品目录(2015版) with its GHS
  classes is not shipped (its text was not available): a substance outside these lists gets no
  class tag. Re-check every list against 《危险化学品安全法》 (in force 2026-05-01).

Each entry: (name, CAS or "", aliases). Names are matched exactly (aliases too), CAS first.
"""

FIRST_BATCH = "安监总管三〔2011〕95号"
SECOND_BATCH = "安监总管三〔2013〕12号"

KEY_SUPERVISED: list[tuple[str, str, tuple[str, ...], str, bool]] = [
    # (name, CAS, aliases, source, verified name)
    ("氯", "7782-50-5", ("氯气", "液氯"), FIRST_BATCH, True),
    ("氨", "7664-41-7", ("液氨", "氨气"), FIRST_BATCH, True),
    ("液化石油气", "68476-85-7", (), FIRST_BATCH, True),
    ("硫化氢", "7783-06-4", (), FIRST_BATCH, True),
    ("甲烷", "74-82-8", (), FIRST_BATCH, True),
    ("天然气", "8006-14-2", ("液化天然气",), FIRST_BATCH, True),
    ("原油", "8002-05-9", (), FIRST_BATCH, True),
    ("汽油", "86290-81-5", ("甲醇汽油", "乙醇汽油"), FIRST_BATCH, True),
    ("石脑油", "8030-30-6", (), FIRST_BATCH, True),
    ("氢", "1333-74-0", ("氢气",), FIRST_BATCH, True),
    ("苯", "71-43-2", ("粗苯",), FIRST_BATCH, True),
    ("碳酰氯", "75-44-5", ("光气",), FIRST_BATCH, True),
    ("二氧化硫", "7446-09-5", (), FIRST_BATCH, True),
    ("一氧化碳", "630-08-0", (), FIRST_BATCH, True),
    ("甲醇", "67-56-1", (), FIRST_BATCH, True),
    ("丙烯腈", "107-13-1", (), FIRST_BATCH, True),
    ("环氧乙烷", "75-21-8", (), FIRST_BATCH, True),
    ("乙炔", "74-86-2", (), FIRST_BATCH, True),
    ("氟化氢", "7664-39-3", ("氢氟酸",), FIRST_BATCH, True),
    ("氯乙烯", "75-01-4", (), FIRST_BATCH, True),
    ("甲苯", "108-88-3", (), FIRST_BATCH, True),
    ("氰化氢", "74-90-8", ("氢氰酸",), FIRST_BATCH, True),
    ("乙烯", "74-85-1", (), FIRST_BATCH, True),
    ("三氯化磷", "7719-12-2", (), FIRST_BATCH, True),
    ("硝基苯", "98-95-3", (), FIRST_BATCH, True),
    ("苯乙烯", "100-42-5", (), FIRST_BATCH, True),
    ("环氧丙烷", "75-56-9", (), FIRST_BATCH, True),
    ("一氯甲烷", "74-87-3", (), FIRST_BATCH, True),
    ("1,3-丁二烯", "106-99-0", (), FIRST_BATCH, True),
    ("硫酸二甲酯", "77-78-1", (), FIRST_BATCH, True),
    ("氰化钠", "143-33-9", (), FIRST_BATCH, True),
    ("丙烯", "115-07-1", ("1-丙烯",), FIRST_BATCH, True),
    ("苯胺", "62-53-3", (), FIRST_BATCH, True),
    ("甲醚", "115-10-6", ("二甲醚",), FIRST_BATCH, True),
    ("丙烯醛", "107-02-8", ("2-丙烯醛",), FIRST_BATCH, True),
    ("氯苯", "108-90-7", (), FIRST_BATCH, True),
    ("乙酸乙烯酯", "108-05-4", (), FIRST_BATCH, True),
    ("二甲胺", "124-40-3", (), FIRST_BATCH, True),
    ("苯酚", "108-95-2", (), FIRST_BATCH, True),
    ("四氯化钛", "7550-45-0", (), FIRST_BATCH, True),
    ("甲苯二异氰酸酯", "584-84-9", ("TDI",), FIRST_BATCH, True),
    ("过氧乙酸", "79-21-0", (), FIRST_BATCH, True),
    ("六氯环戊二烯", "77-47-4", (), FIRST_BATCH, True),
    ("二硫化碳", "75-15-0", (), FIRST_BATCH, True),
    ("乙烷", "74-84-0", (), FIRST_BATCH, True),
    ("环氧氯丙烷", "106-89-8", (), FIRST_BATCH, True),
    ("丙酮氰醇", "75-86-5", (), FIRST_BATCH, True),
    ("磷化氢", "7803-51-2", (), FIRST_BATCH, True),
    ("氯甲基甲醚", "107-30-2", (), FIRST_BATCH, True),
    ("三氟化硼", "7637-07-2", (), FIRST_BATCH, True),
    ("烯丙胺", "107-11-9", (), FIRST_BATCH, True),
    ("异氰酸甲酯", "624-83-9", (), FIRST_BATCH, True),
    ("甲基叔丁基醚", "1634-04-4", (), FIRST_BATCH, True),
    ("乙酸乙酯", "141-78-6", (), FIRST_BATCH, True),
    ("丙烯酸", "79-10-7", (), FIRST_BATCH, True),
    ("硝酸铵", "6484-52-2", (), FIRST_BATCH, True),
    ("三氧化硫", "7446-11-9", (), FIRST_BATCH, True),
    ("三氯甲烷", "67-66-3", ("氯仿",), FIRST_BATCH, True),
    ("甲基肼", "60-34-4", (), FIRST_BATCH, True),
    ("一甲胺", "74-89-5", ("甲胺",), FIRST_BATCH, True),
    ("乙醛", "75-07-0", (), FIRST_BATCH, True),
    ("氯甲酸三氯甲酯", "503-38-8", ("双光气",), FIRST_BATCH, True),
    ("氯酸钠", "7775-09-9", (), SECOND_BATCH, True),
    ("氯酸钾", "3811-04-9", (), SECOND_BATCH, True),
    ("过氧化甲乙酮", "1338-23-4", (), SECOND_BATCH, False),
    ("过氧化苯甲酰", "94-36-0", ("过氧化二苯甲酰",), SECOND_BATCH, False),
    ("硝化纤维素", "9004-70-0", ("硝化棉",), SECOND_BATCH, False),
    ("硝酸胍", "506-93-4", (), SECOND_BATCH, False),
    ("高氯酸铵", "7790-98-9", (), SECOND_BATCH, False),
    ("过氧化苯甲酸叔丁酯", "614-45-9", (), SECOND_BATCH, False),
    ("N,N'-二亚硝基五亚甲基四胺", "101-25-7", (), SECOND_BATCH, False),
    ("硝基胍", "556-88-7", (), SECOND_BATCH, False),
    ("2,2'-偶氮二异丁腈", "78-67-1", (), SECOND_BATCH, False),
    ("2,2'-偶氮-二-(2,4-二甲基戊腈)", "4419-11-8", (), SECOND_BATCH, False),
    ("硝化甘油", "55-63-0", (), SECOND_BATCH, False),
    ("乙醚", "60-29-7", (), SECOND_BATCH, False),
]

# Class tags (§14 table): tag → [(name, CAS, aliases)].
CLASS_TAGS: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {
    # 遇水放出易燃气体的物质 (GB 30000.13-2013; transport class 4.3): §14's examples.
    "water_reactive": [
        ("电石", "75-20-7", ("碳化钙",)),
        ("钠", "7440-23-5", ("金属钠",)),
        ("钾", "7440-09-7", ("金属钾",)),
    ],
    # 自燃/自热物质: §14's example (UNVERIFIED there).
    "self_heating": [("保险粉", "7775-14-6", ("连二亚硫酸钠",))],
    # 受高温: flammable gases, organic peroxides, self-reactive and oxidising substances of
    # the key-supervised lists, and §14's example 液化石油气.
    "heat_sensitive": [
        ("液化石油气", "68476-85-7", ()),
        ("甲烷", "74-82-8", ()),
        ("天然气", "8006-14-2", ("液化天然气",)),
        ("氢", "1333-74-0", ("氢气",)),
        ("乙炔", "74-86-2", ()),
        ("乙烯", "74-85-1", ()),
        ("乙烷", "74-84-0", ()),
        ("丙烯", "115-07-1", ("1-丙烯",)),
        ("1,3-丁二烯", "106-99-0", ()),
        ("甲醚", "115-10-6", ("二甲醚",)),
        ("环氧乙烷", "75-21-8", ()),
        ("氯乙烯", "75-01-4", ()),
        ("一氯甲烷", "74-87-3", ()),
        ("汽油", "86290-81-5", ("甲醇汽油", "乙醇汽油")),
        ("过氧乙酸", "79-21-0", ()),
        ("硝酸铵", "6484-52-2", ()),
        ("氯酸钠", "7775-09-9", ()),
        ("氯酸钾", "3811-04-9", ()),
        ("过氧化甲乙酮", "1338-23-4", ()),
        ("过氧化苯甲酰", "94-36-0", ("过氧化二苯甲酰",)),
        ("硝化纤维素", "9004-70-0", ("硝化棉",)),
        ("高氯酸铵", "7790-98-9", ()),
        ("过氧化苯甲酸叔丁酯", "614-45-9", ()),
        ("2,2'-偶氮二异丁腈", "78-67-1", ()),
        ("硝化甘油", "55-63-0", ()),
        ("乙醚", "60-29-7", ()),
    ],
    # 急性毒性 gases and volatile liquids: §14's examples.
    "toxic_release": [
        ("氯", "7782-50-5", ("氯气", "液氯")),
        ("氨", "7664-41-7", ("液氨", "氨气")),
        ("硫化氢", "7783-06-4", ()),
        ("碳酰氯", "75-44-5", ("光气",)),
        ("氰化氢", "74-90-8", ("氢氰酸",)),
    ],
}
