"""The contract's default sector codes (行业领域), and the departments that usually supervise them."""

DEFAULT_SECTORS = [
    ("non_coal_mine", "非煤矿山"), ("fireworks", "烟花爆竹"), ("hazardous_chemicals", "危险化学品"),
    ("road_traffic", "道路交通"), ("waterway", "水上交通"), ("fire", "消防（人员密集场所）"),
    ("construction", "建筑施工"), ("industry_trade", "工贸"), ("special_equipment", "特种设备"),
    ("gas", "城镇燃气"), ("agri_machinery", "农业机械"), ("tourism", "文化旅游"),
    ("education", "教育"), ("forestry", "森林防火"), ("other", "其他"),
]

# A county's usual supervising departments (行业主管部门), each with the default sectors it
# supervises; together they cover every default sector. The demo county and `anjian seed` both
# create these (same codes), so a seeded database and the demo county share their departments.
TYPICAL_DEPARTMENTS = [
    ("transport", "县交通运输局", ["road_traffic", "waterway"]),
    ("traffic_police", "县公安局交通管理大队", ["road_traffic", "waterway"]),
    ("fire_rescue", "县消防救援大队", ["fire"]),
    ("housing", "县住房和城乡建设局", ["construction", "gas"]),
    ("market", "县市场监督管理局", ["special_equipment"]),
    ("forestry", "县林业局", ["forestry"]),
    ("education", "县教育局", ["education"]),
    ("tourism", "县文化广电和旅游局", ["tourism"]),
    ("agriculture", "县农业农村局", ["agri_machinery"]),
    ("emergency", "县应急管理局",
     ["non_coal_mine", "fireworks", "hazardous_chemicals", "industry_trade", "other"]),
]
