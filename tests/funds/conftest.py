import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from anjian.funds import services

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def voucher(name: str = "voucher.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def fund(county_admin):
    """2025: 100 万元, 30 万元 to major-hazard rectification, 10 万元 to training."""
    return services.fund_create(
        actor=county_admin,
        data={
            "year": 2025,
            "name": "安全生产专项资金",
            "source": "县级财政预算",
            "amount": 1_000_000,
            "allocations": [
                {"project": "major_hazard", "amount": 300_000},
                {"project": "training", "amount": 100_000},
            ],
        },
    )
