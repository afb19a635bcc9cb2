"""Fictional names for the demo county (示例县): nothing here names a real place or company."""

from anjian.accounts.sectors import TYPICAL_DEPARTMENTS

# The words and people's names the demo shares with `anjian seed`.
from anjian.registry.names import GIVEN as GIVEN
from anjian.registry.names import SURNAMES as SURNAMES
from anjian.registry.names import WORDS as WORDS

COUNTY = ("demo_county", "示例县", "108.300000", "22.800000")

# The fictional region around it (GB/T 2260-shaped codes no real division uses: 99…).
PROVINCE = ("990000", "示例省")
CITY = ("990100", "示例市", "108.400000", "22.850000")
COUNTY_DIVISION = "990121"
# The smaller neighbour county in the same city: (code, name, lng, lat), its towns, departments.
NEIGHBOUR = ("990122", "邻县", "108.700000", "22.900000")
NEIGHBOUR_TOWNS = [("lx_dongping", "东坪镇"), ("lx_nanfeng", "南丰镇"), ("lx_beishan", "北山乡")]
NEIGHBOUR_DEPARTMENTS = [
    ("lx_transport", "邻县交通运输局", ["road_traffic", "waterway"]),
    (
        "lx_emergency",
        "邻县应急管理局",
        [
            "non_coal_mine",
            "fireworks",
            "hazardous_chemicals",
            "industry_trade",
            "construction",
            "fire",
            "special_equipment",
            "other",
        ],
    ),
]
NEIGHBOUR_UNITS = [
    ("industry_trade", "机械厂"),
    ("industry_trade", "木材加工厂"),
    ("construction", "建筑工程公司"),
    ("hazardous_chemicals", "化工有限公司"),
    ("fire", "商贸城"),
    ("non_coal_mine", "采石场"),
]

TOWNS = [
    ("qingshan", "青山镇"),
    ("shiqiao", "石桥镇"),
    ("hekou", "河口镇"),
    ("liuxi", "柳溪镇"),
    ("longtan", "龙潭镇"),
    ("dongling", "东岭镇"),
    ("baisha", "白沙镇"),
    ("xinan", "新安镇"),
    ("songlin", "松林镇"),
    ("jintian", "金田镇"),
]

DEPARTMENTS = TYPICAL_DEPARTMENTS

# Sector → (how many demo units, name stems, suffix, licence kind or None).
ENTERPRISE_KINDS = {
    "non_coal_mine": (
        14,
        ["石料", "矿业", "采石", "砂石"],
        "有限公司",
        "安全生产许可证（非煤矿山）",
    ),
    "fireworks": (12, ["烟花", "爆竹", "花炮"], "有限公司", "烟花爆竹经营许可证"),
    "hazardous_chemicals": (
        22,
        ["化工", "油品", "气体", "化学"],
        "有限公司",
        "危险化学品经营许可证",
    ),
    "road_traffic": (50, ["运输", "客运", "物流", "货运"], "有限公司", "道路运输经营许可证"),
    "waterway": (12, ["航运", "渡运", "船务"], "有限公司", "水路运输许可证"),
    "fire": (40, ["商场", "酒店", "宾馆", "超市", "KTV"], "", None),
    "construction": (40, ["建筑", "建设", "工程"], "有限公司", "建筑施工企业安全生产许可证"),
    "industry_trade": (60, ["木业", "糖业", "机械", "食品", "纸业", "建材"], "有限公司", None),
    "special_equipment": (20, ["电梯", "锅炉", "起重"], "有限公司", "特种设备使用登记证"),
    "gas": (12, ["燃气", "液化气"], "有限公司", "燃气经营许可证"),
    "agri_machinery": (15, ["农机", "农业机械"], "专业合作社", None),
    "tourism": (20, ["景区", "旅游", "文化"], "有限公司", "旅行社业务经营许可证"),
    "education": (25, ["中心小学", "中学", "幼儿园"], "", "办学许可证"),
    "forestry": (12, ["林场", "林业"], "", "林木采伐许可证"),
    "other": (10, ["服务", "贸易"], "有限公司", None),
}
