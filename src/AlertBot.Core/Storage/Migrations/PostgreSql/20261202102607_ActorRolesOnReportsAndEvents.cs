using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AlertBot.Core.Storage.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class ActorRolesOnReportsAndEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ActorRoles",
                table: "Reports",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ActorRoles",
                table: "Events",
                type: "text",
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ActorRoles",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "ActorRoles",
                table: "Events");
        }
    }
}
