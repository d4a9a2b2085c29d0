"""The places a community is made of: compounds, buildings and grids."""
from sqlalchemy import Column, ForeignKey, String, Table, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from extensions import db

grid_compounds = Table(
    "grid_compounds",
    db.metadata,
    Column("grid_id", ForeignKey("grids.id", ondelete="CASCADE"), primary_key=True),
    Column("compound_id", ForeignKey("compounds.id", ondelete="CASCADE"), primary_key=True),
)

grid_buildings = Table(
    "grid_buildings",
    db.metadata,
    Column("grid_id", ForeignKey("grids.id", ondelete="CASCADE"), primary_key=True),
    Column("building_id", ForeignKey("buildings.id", ondelete="CASCADE"), primary_key=True),
)

grid_workers = Table(
    "grid_workers",
    db.metadata,
    Column("grid_id", ForeignKey("grids.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)


class Community(db.Model):
    """A 社区: the tenant every other record belongs to."""

    __tablename__ = "communities"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    district: Mapped[str] = mapped_column(String(80), default="")
    hall_address: Mapped[str] = mapped_column(String(200), default="")
    hall_phone: Mapped[str] = mapped_column(String(40), default="")
    population: Mapped[int] = mapped_column(default=0)
    # Raised by every change to the community's rows (core/versions.py): keys cached pages.
    data_version: Mapped[int] = mapped_column(default=0, server_default="0")

    compounds: Mapped[list["Compound"]] = relationship(
        back_populates="community", order_by="Compound.position"
    )
    grids: Mapped[list["Grid"]] = relationship(back_populates="community", order_by="Grid.name")

    def __repr__(self) -> str:
        return f"<Community {self.slug}>"


class Compound(db.Model):
    """A 小区; old compounds often have no property manager (无物业)."""

    __tablename__ = "compounds"
    __table_args__ = (UniqueConstraint("community_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    has_property_manager: Mapped[bool] = mapped_column(default=True)
    position: Mapped[int] = mapped_column(default=0)

    community: Mapped[Community] = relationship(back_populates="compounds")
    buildings: Mapped[list["Building"]] = relationship(
        back_populates="compound", order_by="Building.name"
    )

    def __repr__(self) -> str:
        return f"<Compound {self.name}>"


class Building(db.Model):
    """A 楼栋, the optional level under a compound."""

    __tablename__ = "buildings"
    __table_args__ = (UniqueConstraint("compound_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    compound_id: Mapped[int] = mapped_column(ForeignKey("compounds.id"), index=True)
    name: Mapped[str] = mapped_column(String(40))

    compound: Mapped[Compound] = relationship(back_populates="buildings")

    def __repr__(self) -> str:
        return f"<Building {self.name}>"


class Grid(db.Model):
    """A 网格: compounds or buildings looked after by one or more grid workers."""

    __tablename__ = "grids"
    __table_args__ = (UniqueConstraint("community_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    community_id: Mapped[int] = mapped_column(ForeignKey("communities.id"), index=True)
    name: Mapped[str] = mapped_column(String(80))

    community: Mapped[Community] = relationship(back_populates="grids")
    compounds: Mapped[list[Compound]] = relationship(secondary=grid_compounds)
    buildings: Mapped[list[Building]] = relationship(secondary=grid_buildings)
    workers: Mapped[list["User"]] = relationship(  # noqa: F821
        secondary=grid_workers, back_populates="grids"
    )

    def __repr__(self) -> str:
        return f"<Grid {self.name}>"
