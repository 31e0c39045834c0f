"""Typed API schemas for an event's programme and materials (`events.blocks`), as
`home.api_schemas` does for the body: `{"type", "id", "value"}` per block, discriminated on
`type`. Each stream has one block type now; with the discriminator in place, more can join
(`A | B`) without changing the schema's shape for clients."""

import datetime
from typing import Annotated, Literal

from django.http import HttpRequest
from ninja import Schema
from pydantic import Field

from home.api_schemas import TIME_PATTERN, BlockId, DocumentLink, document_data, stream_blocks

Clock = Annotated[str, Field(pattern=TIME_PATTERN, description='"HH:MM", local time.')]


class AgendaItem(Schema):
    start_time: Clock | None
    end_time: Clock | None
    title: str
    speakers: str
    description: str


class ProgrammeDayValue(Schema):
    day: datetime.date | None = Field(
        description="Null if the editors gave no date (a one-day programme)."
    )
    items: list[AgendaItem]


class MaterialValue(Schema):
    document: DocumentLink
    description: str


class ProgrammeDayBlockSchema(Schema):
    type: Literal["day"]
    id: BlockId
    value: ProgrammeDayValue


class MaterialBlockSchema(Schema):
    type: Literal["material"]
    id: BlockId
    value: MaterialValue


ProgrammeDay = Annotated[ProgrammeDayBlockSchema, Field(discriminator="type")]
Material = Annotated[MaterialBlockSchema, Field(discriminator="type")]


def _clock(value: datetime.time | None) -> str | None:
    return value.strftime("%H:%M") if value else None


def _day(value, request):
    return {
        "day": value["day"].isoformat() if value["day"] else None,
        "items": [
            {
                "start_time": _clock(item["start_time"]),
                "end_time": _clock(item["end_time"]),
                "title": item["title"],
                "speakers": item["speakers"],
                "description": item["description"],
            }
            for item in value["items"]
        ],
    }


def _material(value, request):
    document = document_data(value["document"], request=request)
    if document is None:  # deleted from the library
        return None
    return {"document": document, "description": value["description"]}


def programme_days(stream_value, *, request: HttpRequest) -> list[dict]:
    """`EventPage.programme` as JSON-ready dicts (see `ProgrammeDay`)."""
    return stream_blocks(stream_value, {"day": _day}, request=request)


def materials(stream_value, *, request: HttpRequest) -> list[dict]:
    """`EventPage.materials` as JSON-ready dicts (see `Material`)."""
    return stream_blocks(stream_value, {"material": _material}, request=request)
