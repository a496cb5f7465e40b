using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AlertBot.Core.Storage.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class PlatformPort : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ReplyToId",
                table: "SandboxMessages",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ThreadId",
                table: "SandboxMessages",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VisibleToUserId",
                table: "SandboxMessages",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AddedByUserId",
                table: "Recipients",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "Recipients",
                type: "character varying(8)",
                maxLength: 8,
                nullable: false,
                defaultValue: "Private");

            migrationBuilder.AddColumn<string>(
                name: "ThreadId",
                table: "Recipients",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "IssuedMenus",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Platform = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ChatId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    MessageId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ButtonsJson = table.Column<string>(type: "text", nullable: false),
                    IssuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IssuedMenus", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IssuedMenus_IssuedAt",
                table: "IssuedMenus",
                column: "IssuedAt");

            migrationBuilder.CreateIndex(
                name: "IX_IssuedMenus_Platform_ChatId_MessageId",
                table: "IssuedMenus",
                columns: new[] { "Platform", "ChatId", "MessageId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IssuedMenus");

            migrationBuilder.DropColumn(
                name: "ReplyToId",
                table: "SandboxMessages");

            migrationBuilder.DropColumn(
                name: "ThreadId",
                table: "SandboxMessages");

            migrationBuilder.DropColumn(
                name: "VisibleToUserId",
                table: "SandboxMessages");

            migrationBuilder.DropColumn(
                name: "AddedByUserId",
                table: "Recipients");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "Recipients");

            migrationBuilder.DropColumn(
                name: "ThreadId",
                table: "Recipients");
        }
    }
}
