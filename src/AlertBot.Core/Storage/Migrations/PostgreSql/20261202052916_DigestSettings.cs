using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AlertBot.Core.Storage.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class DigestSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DigestSettings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RecipientId = table.Column<long>(type: "bigint", nullable: false),
                    ScheduleKind = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Crons = table.Column<List<string>>(type: "text[]", nullable: false),
                    TimeZone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PlaceIds = table.Column<List<string>>(type: "text[]", nullable: false),
                    ActorIds = table.Column<List<string>>(type: "text[]", nullable: false),
                    EventTypes = table.Column<List<string>>(type: "text[]", nullable: false),
                    Language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    WhenEmpty = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Paused = table.Column<bool>(type: "boolean", nullable: false),
                    SetBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CoveredUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DigestSettings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DigestSettings_Recipients_RecipientId",
                        column: x => x.RecipientId,
                        principalTable: "Recipients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DigestRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SettingId = table.Column<long>(type: "bigint", nullable: false),
                    PeriodFrom = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PeriodTo = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DigestRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DigestRuns_DigestSettings_SettingId",
                        column: x => x.SettingId,
                        principalTable: "DigestSettings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DigestRuns_SettingId_PeriodTo",
                table: "DigestRuns",
                columns: new[] { "SettingId", "PeriodTo" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DigestSettings_RecipientId",
                table: "DigestSettings",
                column: "RecipientId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DigestRuns");

            migrationBuilder.DropTable(
                name: "DigestSettings");
        }
    }
}
